import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { Coverage } from "@/lib/admin/policies";
import { MfaBadge } from "./mfa-badge";

/** Compliant and non-compliant members of a group or domain. */
const bold = (chunks: React.ReactNode) => <span className="font-semibold">{chunks}</span>;

export async function CoverageTable({ report, csvHref }: { report: Coverage; csvHref: string }) {
  const t = await getTranslations("admin.coverage");
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <span>{t.rich("summary", { compliant: report.compliant.length, members: report.members.length, nonCompliant: report.nonCompliant.length, bold })}</span>
        <a href={csvHref} download className="font-medium text-brand-700 hover:underline dark:text-brand-100">{t("csv")}</a>
      </p>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-semibold">{t("member")}</th>
              <th scope="col" className="px-4 py-2 font-semibold">{t("mfa")}</th>
              <th scope="col" className="px-4 py-2 font-semibold">{t("authenticators")}</th>
              <th scope="col" className="px-4 py-2 font-semibold">{t("compliant")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {report.members.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="px-4 py-2 font-medium"><Link href={`/identity/users/${r.id}`} className="hover:underline">{r.name}</Link></th>
                <td className="px-4 py-2"><MfaBadge state={r.state} enrolmentPending={r.enrolmentPending} /></td>
                <td className="px-4 py-2">{r.authenticators}</td>
                <td className="px-4 py-2">{t(report.compliant.includes(r) ? "yes" : "no")}</td>
              </tr>
            ))}
            {report.members.length === 0 && <tr><td colSpan={4} className="px-4 py-4 text-center text-zinc-600 dark:text-zinc-400">{t("noMembers")}</td></tr>}
          </tbody>
        </table>
      </div>
    </div>
  );
}
