import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { listUserRows, PAGE_SIZE, queryUserRows, type MfaFilter, type SortKey, type UserQuery } from "@/lib/admin/users";
import { listOf, message } from "@/lib/i18n/message";
import { getSay } from "@/lib/i18n/server";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";
import { MfaBadge } from "@/components/admin/mfa-badge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

const sr = (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span>;

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

function parseQuery(p: Params): UserQuery {
  const sort = one(p.sort) as SortKey;
  const mfa = one(p.mfa) as MfaFilter;
  return {
    q: one(p.q).slice(0, 100),
    domain: one(p.domain).slice(0, 64),
    mfa: ["enforced", "registered", "none"].includes(mfa) ? mfa : "",
    sort: ["name", "domain", "mfa", "authenticators"].includes(sort) ? sort : "name",
    desc: one(p.dir) === "desc",
    page: Number.parseInt(one(p.page), 10) || 1,
  };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const admin = await requireAdmin();
  const query = parseQuery(await searchParams);
  const { rows, domains } = await listUserRows(keystone(), admin.keystoneToken);
  const result = queryUserRows(rows, query);
  const link = (changes: Partial<Record<keyof UserQuery, string>>) => {
    const merged = { q: query.q, domain: query.domain, mfa: query.mfa, sort: query.sort, dir: query.desc ? "desc" : "", page: String(result.page), ...changes };
    const qs = new URLSearchParams(Object.entries(merged).filter(([, v]) => v) as [string, string][]);
    return `/identity/users?${qs}`;
  };
  const sortLink = (key: SortKey) => link({ sort: key, dir: query.sort === key && !query.desc ? "desc" : "", page: "1" } as never);
  const ariaSort = (key: SortKey) => (query.sort === key ? (query.desc ? "descending" : "ascending") : undefined);
  const [t, say] = await Promise.all([getTranslations("admin.users"), getSay()]);
  const action = "text-brand-700 hover:underline dark:text-brand-100";

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro", { enforced: rows.filter((r) => r.state === "enforced").length, total: rows.length })}</p>
      </div>

      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">{t("name")}</label>
          <input id="q" name="q" defaultValue={query.q} className="mt-1 rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
        </div>
        <div>
          <label htmlFor="domain" className="block text-sm font-medium">{t("domain")}</label>
          <select id="domain" name="domain" defaultValue={query.domain} className="mt-1 rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
            <option value="">{t("allDomains")}</option>
            {domains.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="mfa" className="block text-sm font-medium">{t("mfa")}</label>
          <select id="mfa" name="mfa" defaultValue={query.mfa} className="mt-1 rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
            <option value="">{t("filterAny")}</option>
            <option value="enforced">{t("filterEnforced")}</option>
            <option value="registered">{t("filterRegistered")}</option>
            <option value="none">{t("filterNone")}</option>
          </select>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <button type="submit" className={buttonClass("secondary", "py-1.5")}>{t("filter")}</button>
      </form>

      <form method="get" action="/identity/users/confirm" className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="bulk-action" className="block text-sm font-medium">{t("withSelected")}</label>
            <select id="bulk-action" name="action" className="mt-1 rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
              <option value="enforce">{t("enforceMfa")}</option>
              <option value="disable">{t("disableMfa")}</option>
              <option value="reset">{t("resetAuthenticators")}</option>
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary", "py-1.5")}>{t("review")}</button>
        </div>
        <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          {/* Links without prefetching: four a row, a hundred a page, each prefetch a server render (see NavLinks). */}
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("caption", { total: result.total, page: result.page, pages: result.pages })}</caption>
            <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-4 py-3"><span className="sr-only">{t("select")}</span></th>
                {([["name", t("name")], ["domain", t("domain")]] as const).map(([key, label]) => (
                  <th key={key} scope="col" aria-sort={ariaSort(key)} className="px-4 py-3 font-semibold"><Link prefetch={false} href={sortLink(key)} className="hover:underline">{label}</Link></th>
                ))}
                <th scope="col" className="px-4 py-3 font-semibold">{t("enabled")}</th>
                <th scope="col" aria-sort={ariaSort("mfa")} className="px-4 py-3 font-semibold"><Link prefetch={false} href={sortLink("mfa")} className="hover:underline">{t("mfa")}</Link></th>
                <th scope="col" aria-sort={ariaSort("authenticators")} className="px-4 py-3 font-semibold"><Link prefetch={false} href={sortLink("authenticators")} className="hover:underline">{t("authenticators")}</Link></th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("rules")}</th>
                <th scope="col" className="px-4 py-3 font-semibold"><span className="sr-only">{t("actions")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {result.rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-2.5">
                    <input type="checkbox" name="id" value={r.id} aria-label={t("selectUser", { name: r.name })} className="h-4 w-4" />
                  </td>
                  <th scope="row" className="px-4 py-2.5 font-medium"><Link prefetch={false} href={`/identity/users/${r.id}`} className="hover:underline">{r.name}</Link></th>
                  <td className="px-4 py-2.5">{r.domainName}</td>
                  <td className="px-4 py-2.5">{t(r.enabled ? "yes" : "no")}</td>
                  <td className="px-4 py-2.5"><MfaBadge state={r.state} enrolmentPending={r.enrolmentPending} /></td>
                  <td className="px-4 py-2.5">{r.authenticators}</td>
                  <td className="px-4 py-2.5 text-zinc-600 dark:text-zinc-400">{r.rules.length ? say(message("methods.shortRule", { methods: listOf(r.rules, "or") })) : t("anyMethod")}</td>
                  <td className="px-4 py-2.5 text-right">
                    <div className="flex flex-col items-end gap-0.5 whitespace-nowrap">
                      <Link prefetch={false} href={`/identity/users/confirm?action=enforce&id=${r.id}`} className={action}>{t.rich("rowEnforce", { name: r.name, sr })}</Link>
                      <Link prefetch={false} href={`/identity/users/confirm?action=disable&id=${r.id}`} className={action}>{t.rich("rowDisable", { name: r.name, sr })}</Link>
                      <Link prefetch={false} href={`/identity/users/confirm?action=reset&id=${r.id}`} className={action}>{t.rich("rowReset", { name: r.name, sr })}</Link>
                    </div>
                  </td>
                </tr>
              ))}
              {result.rows.length === 0 && (
                <tr><td colSpan={8} className="px-4 py-6 text-center text-zinc-600 dark:text-zinc-400">{t("noMatch")}</td></tr>
              )}
            </tbody>
          </table>
        </div>
      </form>

      <nav aria-label={t("pages")} className="flex items-center justify-between text-sm">
        <span>{t("count", { total: result.total, size: PAGE_SIZE })}</span>
        <span className="flex gap-3">
          {result.page > 1 && <Link prefetch={false} href={link({ page: String(result.page - 1) })} className="hover:underline">{t("previous")}</Link>}
          <span>{t("page", { page: result.page, pages: result.pages })}</span>
          {result.page < result.pages && <Link prefetch={false} href={link({ page: String(result.page + 1) })} className="hover:underline">{t("next")}</Link>}
        </span>
      </nav>
    </div>
  );
}
