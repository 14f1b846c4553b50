import { getTranslations } from "next-intl/server";
import type { ApplicationCredentialView } from "@/lib/app-credentials/view";
import type { ActionState } from "@/lib/server-action";
import { DeleteCredential } from "./delete-credential";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** "2030-01-01 00:00 UTC": Keystone keeps expiries in UTC, and so does the form that sets them. */
export const utcMinutes = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Application credentials, one row each, with a confirmed delete; shared by Settings and the admin user page. */
export async function CredentialsTable({
  caption,
  credentials,
  deleteAction,
  hidden,
}: {
  caption: string;
  credentials: ApplicationCredentialView[];
  deleteAction: Action;
  hidden?: Record<string, string>;
}) {
  const t = await getTranslations("appCredentials.table");
  if (credentials.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("none")}</p>;
  return (
    // relative: the sr-only labels inside (absolutely placed) scroll with the table, not widen the page.
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            {[t("name"), t("project"), t("expires"), t("roles"), t("access"), t("actions")].map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-semibold">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 align-top dark:divide-zinc-800">
          {credentials.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="px-3 py-2.5 font-medium">
                {c.name}
                {c.description && <span className="block font-normal text-zinc-600 dark:text-zinc-400">{c.description}</span>}
              </th>
              <td className="px-3 py-2.5">{c.projectName ?? <span className="text-zinc-600 dark:text-zinc-400">{c.projectId ?? t("noProject")}</span>}</td>
              <td className="whitespace-nowrap px-3 py-2.5">
                {c.expiresAt === null ? t("never") : <time dateTime={c.expiresAt}>{utcMinutes(c.expiresAt)}</time>}
                {c.expired && <span className="ml-2 rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-semibold text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100">{t("expired")}</span>}
              </td>
              <td className="px-3 py-2.5">{c.roles.join(", ")}</td>
              <td className="px-3 py-2.5">
                {c.unrestricted && <span className="mb-1 block w-fit rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">{t("unrestricted")}</span>}
                {c.accessRules.length === 0 ? (
                  <span className="text-zinc-600 dark:text-zinc-400">{t("everyApi")}</span>
                ) : (
                  <ul className="space-y-0.5 font-mono text-xs">{c.accessRules.map((r) => <li key={r}>{r}</li>)}</ul>
                )}
              </td>
              <td className="px-3 py-2.5">
                <DeleteCredential action={deleteAction} id={c.id} name={c.name} hidden={hidden} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
