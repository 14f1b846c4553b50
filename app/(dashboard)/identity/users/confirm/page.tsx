import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { MfaBadge } from "@/components/admin/mfa-badge";
import type { AdminAction } from "@/lib/admin/mfa-admin";
import { listUserRows } from "@/lib/admin/users";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";
import { ConfirmForm } from "./confirm-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.confirm"))("metaTitle") };
}

// A Set: `?action=constructor` must find nothing, not Object's own.
const actions = new Set<AdminAction>(["enforce", "disable", "reset"]);
const isAction = (value: unknown): value is AdminAction => typeof value === "string" && actions.has(value as AdminAction);

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const t = await getTranslations("admin.confirm");
  const action = isAction(params.action) ? params.action : null;
  const ids = new Set([params.id ?? []].flat());
  const rows = action ? (await listUserRows(keystone(), admin.keystoneToken)).rows.filter((r) => ids.has(r.id)) : [];
  if (!action || rows.length === 0) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("nothingTitle")}</h1>
        <p className="text-sm">
          {t.rich("nothingText", { link: (chunks) => <Link href="/identity/users" className="text-brand-700 underline dark:text-brand-100">{chunks}</Link> })}
        </p>
      </div>
    );
  }
  const title = t(`${action}.title`);
  const withoutAuthenticator = rows.filter((r) => r.authenticators === 0).length;
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading", { action: title, count: rows.length })}</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{t(`${action}.text`)}</p>
      </div>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {rows.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm">
            <span><span className="font-medium">{r.name}</span> <span className="text-zinc-600 dark:text-zinc-400">{t("userDetail", { domain: r.domainName, count: r.authenticators })}</span></span>
            <MfaBadge state={r.state} enrolmentPending={r.enrolmentPending} />
          </li>
        ))}
      </ul>
      <ConfirmForm action={action} ids={rows.map((r) => r.id)} confirmLabel={title} offerEnrolment={action === "enforce" && withoutAuthenticator > 0} />
    </div>
  );
}
