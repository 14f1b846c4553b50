import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { SimpleTable } from "@/components/admin/simple-table";
import { recentAuditEvents, type AuditEventName, type AuditOutcome } from "@/lib/security/audit";
import { requireAdmin } from "@/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.activity"))("title") };
}

// The catalog's names for events and outcomes; a record from an older or newer version shows as written.
const EVENTS = new Set<AuditEventName>(["login.password", "login.passcode", "login.throttled", "login.enrolment", "login.recovery", "login.policy", "logout", "admin.change", "mfa.change", "app_credential.change"]);
const OUTCOMES = new Set<AuditOutcome>(["success", "failure", "blocked", "mfa_required", "refused"]);

export default async function ActivityPage() {
  await requireAdmin();
  const events = await recentAuditEvents(200);
  const [t, format] = await Promise.all([getTranslations("admin.activity"), getFormatter()]);
  // Reasons and details are the record's own words (they are stored in the log), shown as written.
  const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      </div>
      <SimpleTable
        caption={t("caption")}
        columns={[t("time"), t("event"), t("by"), t("outcome"), t("details")]}
        rows={events.map((e, i) => ({
          key: `${e.time}-${i}`,
          cells: [
            when(e.time),
            // The event's name in words, and its code as the log file has it (what operators search for).
            EVENTS.has(e.event) ? (
              <span key="e">
                {t(`events.${e.event.replace(".", "_") as "login_password"}`)} <code className="text-xs text-zinc-600 dark:text-zinc-400">{e.event}</code>
              </span>
            ) : (
              e.event
            ),
            e.userName ?? e.userId ?? "—",
            (OUTCOMES.has(e.outcome) ? t(`outcomes.${e.outcome}`) : e.outcome) + (e.reason ? ` (${e.reason})` : ""),
            Object.entries(e.details ?? {}).map(([k, v]) => `${k}: ${v}`).join(", ") || "—",
          ],
        }))}
      />
    </div>
  );
}
