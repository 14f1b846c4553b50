import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { keystone, projectsOf } from "@/lib/keystone-server";
import { rolesByProject } from "@/lib/auth/roles";
import { isAdmin, withKeystoneSession } from "@/lib/session";
import { switchProjectAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

// The methods that prove who the user is, in this order (Keystone's is not fixed).
const METHODS = ["password", "totp", "application_credential"] as const;
const isKnown = (m: string): m is (typeof METHODS)[number] => (METHODS as readonly string[]).includes(m);

export default async function OverviewPage() {
  const { user, projects, roles } = await withKeystoneSession(async (user) => {
    const [projects, roles] = await Promise.all([
      projectsOf(user.keystoneToken),
      rolesByProject(keystone(), user, isAdmin(user)),
    ]);
    return { user, projects: [...projects].sort((a, b) => a.name.localeCompare(b.name)), roles };
  });
  const [t, format] = await Promise.all([getTranslations("overview"), getFormatter()]);
  // "token" only records a rescoping; the methods that proved who the user is are the others.
  const order: readonly string[] = METHODS;
  const signedInWith = user.methods
    .filter((m) => m !== "token")
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
    .map((m) => (isKnown(m) ? t(`methods.${m}`) : m))
    .join(" + ");
  const sessionEnds = format.dateTime(new Date(user.expiresAt), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Stat label={t("signedInAs")} value={user.name} detail={t("domain", { name: user.domain.name })} />
        <Stat label={t("currentProject")} value={user.project?.name ?? t("noProject")} detail={user.roles.length ? t("roles", { roles: user.roles.join(", ") }) : t("noRoles")} />
        <Stat label={t("signedInWith")} value={signedInWith} detail={t("sessionEnds", { time: sessionEnds })} />
      </div>

      <Card title={t("projects", { count: projects.length })}>
        {projects.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("noProjects")}</p>
        ) : (
          <div className="relative -mx-5 -my-5 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-5 py-3 font-semibold">{t("project")}</th>
                  <th scope="col" className="px-5 py-3 font-semibold">{t("yourRoles")}</th>
                  <th scope="col" className="hidden px-5 py-3 font-semibold md:table-cell">{t("description")}</th>
                  <th scope="col" className="px-5 py-3 font-semibold"><span className="sr-only">{t("actions")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {projects.map((p) => {
                  const current = p.id === user.project?.id;
                  return (
                    <tr key={p.id}>
                      <th scope="row" className="px-5 py-3 font-medium">
                        {p.name}
                        {!p.enabled && <span className="ml-2 text-xs text-zinc-500">{t("disabled")}</span>}
                      </th>
                      <td className="px-5 py-3">{(roles.get(p.id) ?? []).join(", ") || "—"}</td>
                      <td className="hidden px-5 py-3 text-zinc-600 dark:text-zinc-400 md:table-cell">{p.description || "—"}</td>
                      <td className="px-5 py-3 text-right">
                        {current ? (
                          <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">
                            {t("current")}
                          </span>
                        ) : (
                          p.enabled && (
                            <form action={switchProjectAction}>
                              <input type="hidden" name="projectId" value={p.id} />
                              <button type="submit" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
                                {t.rich("switch", { name: p.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                              </button>
                            </form>
                          )
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <p className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{label}</p>
      <p className="mt-1 text-lg font-semibold wrap-anywhere">{value}</p>
      <p className="mt-0.5 text-sm text-zinc-600 wrap-anywhere dark:text-zinc-400">{detail}</p>
    </div>
  );
}
