import type { Metadata } from "next";
import Link from "next/link";
import { MfaBadge } from "@/components/admin/mfa-badge";
import type { AdminAction } from "@/lib/admin/mfa-admin";
import { listUserRows } from "@/lib/admin/users";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";
import { ConfirmForm } from "./confirm-form";

export const metadata: Metadata = { title: "Confirm" };

// A Map: `?action=constructor` must find nothing, not Object's own.
const explanations = new Map<AdminAction, { title: string; text: string }>([
  [
    "enforce",
    {
      title: "Enforce MFA",
      text: "Keystone will require the password and a passcode from an authenticator app for each of these users. Users without an authenticator are refused, since they could no longer sign in, unless you require them to enrol at their next sign-in.",
    },
  ],
  [
    "disable",
    {
      title: "Disable MFA",
      text: "Keystone will stop requiring a passcode: the password alone signs these users in. Their rules and authenticators are kept, so MFA can be enforced again later.",
    },
  ],
  [
    "reset",
    {
      title: "Reset authenticators",
      text: "Removes these users' MFA rules first, then every authenticator app registered for them, then their recovery codes. They sign in with the password alone until they enrol again.",
    },
  ],
]);

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const action = params.action as AdminAction;
  const explanation = explanations.get(action);
  const ids = new Set([params.id ?? []].flat());
  const rows = explanation ? (await listUserRows(keystone(), admin.keystoneToken)).rows.filter((r) => ids.has(r.id)) : [];
  if (!explanation || rows.length === 0) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Nothing to confirm</h1>
        <p className="text-sm">Choose an action and at least one user on the <Link href="/identity/users" className="text-brand-700 underline dark:text-brand-100">Users</Link> page.</p>
      </div>
    );
  }
  const { title, text } = explanation;
  const withoutAuthenticator = rows.filter((r) => r.authenticators === 0).length;
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}: {rows.length} {rows.length === 1 ? "user" : "users"}</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{text}</p>
      </div>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {rows.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm">
            <span><span className="font-medium">{r.name}</span> <span className="text-zinc-600 dark:text-zinc-400">({r.domainName}, {r.authenticators} authenticator{r.authenticators === 1 ? "" : "s"})</span></span>
            <MfaBadge state={r.state} enrolmentPending={r.enrolmentPending} />
          </li>
        ))}
      </ul>
      <ConfirmForm action={action} ids={rows.map((r) => r.id)} confirmLabel={title} offerEnrolment={action === "enforce" && withoutAuthenticator > 0} />
    </div>
  );
}
