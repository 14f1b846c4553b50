import type { Metadata } from "next";
import { SimpleTable } from "@/components/admin/simple-table";
import { recentAuditEvents } from "@/lib/security/audit";
import { requireAdmin } from "@/lib/session";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  await requireAdmin();
  const events = await recentAuditEvents(200);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">The latest sign-in and administration events, newest first.</p>
      </div>
      <SimpleTable
        caption="Audit events"
        columns={["Time (UTC)", "Event", "By", "Outcome", "Details"]}
        rows={events.map((e, i) => ({
          key: `${e.time}-${i}`,
          cells: [
            e.time.replace("T", " ").slice(0, 19),
            e.event,
            e.userName ?? e.userId ?? "—",
            e.outcome + (e.reason ? ` (${e.reason})` : ""),
            Object.entries(e.details ?? {}).map(([k, v]) => `${k}: ${v}`).join(", ") || "—",
          ],
        }))}
      />
    </div>
  );
}
