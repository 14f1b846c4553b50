import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MfaBadge } from "@/components/admin/mfa-badge";
import { RecoveryCodesCard } from "@/components/admin/recovery-codes-card";
import { CredentialsTable } from "@/components/app-credentials/credentials-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { config } from "@/lib/config";
import { toUserRow } from "@/lib/admin/users";
import { isKeystoneError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import { recoverySummary } from "@/lib/mfa/recovery";
import { applicationCredentialAccess } from "@/lib/mfa/application-credentials";
import { requireAdmin } from "@/lib/session";
import { adminApplicationCredentialUseCases } from "@/lib/use-cases";
import { deleteApplicationCredentialAction } from "./actions";
import { RuleEditor } from "./rule-editor";
import { RemoveAuthenticator } from "./remove-authenticator";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const token = admin.keystoneToken;
  const user = await keystone().users.get(token, id).catch((e) => {
    if (isKeystoneError(e, "not_found") || isKeystoneError(e, "validation")) notFound();
    throw e;
  });
  const [credentials, appCredentials, groups, assignments, domain, recovery] = await Promise.all([
    keystone().credentials.list(token, id, "totp"),
    adminApplicationCredentialUseCases().list(admin, id),
    keystone().identity.userGroups(token, id),
    keystone().users.roleAssignments(token, id),
    keystone().identity.domain(token, user.domain_id),
    recoverySummary(keystone(), token, id),
  ]);
  const row = toUserRow(user, credentials, domain.name);
  const rules = user.options.multi_factor_auth_rules ?? [];
  const appAccess = applicationCredentialAccess(user.options, "this user's", config().MFA_ALLOW_APPLICATION_CREDENTIALS);

  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <p className="text-sm"><Link href="/identity/users" className="text-brand-700 hover:underline dark:text-brand-100">Users</Link></p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{user.name}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
          <span>Domain {domain.name}</span>
          <span>{user.enabled ? "Enabled" : "Disabled"}</span>
          <MfaBadge state={row.state} enrolmentPending={row.enrolmentPending} />
        </p>
      </div>

      <Card title="Actions">
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href={`/identity/users/confirm?action=enforce&id=${id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">Enforce MFA</Link>
          <Link href={`/identity/users/confirm?action=disable&id=${id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">Disable MFA</Link>
          <Link href={`/identity/users/confirm?action=reset&id=${id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">Reset authenticators</Link>
        </p>
      </Card>

      <Card title="Sign-in rules">
        <RuleEditor userId={id} rules={rules} enabled={user.options.multi_factor_auth_enabled !== false} hasAuthenticator={credentials.length > 0} />
      </Card>

      <Card title={`Authenticators (${credentials.length})`}>
        {credentials.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No authenticator app is registered.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {credentials.map((c, i) => (
              <li key={c.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>Authenticator {i + 1} <span className="text-zinc-600 dark:text-zinc-400">(id …{c.id.slice(-6)})</span></span>
                <RemoveAuthenticator userId={id} credentialId={c.id} label={`Remove authenticator ${i + 1}`} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <RecoveryCodesCard summary={recovery} />
      <Card title={`Application credentials (${appCredentials.length})`}>
        <div className="space-y-4">
          <Alert tone={appAccess.accepted ? "info" : "warning"}>{appAccess.words}</Alert>
          <CredentialsTable caption={`Application credentials of ${user.name}`} credentials={appCredentials} deleteAction={deleteApplicationCredentialAction} hidden={{ userId: id }} />
        </div>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={`Groups (${groups.length})`}>
          {groups.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">Not in any group.</p> : (
            <ul className="space-y-1 text-sm">
              {groups.map((g) => <li key={g.id}>{g.name}{g.mfa_required ? <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-300">requires MFA</span> : null}</li>)}
            </ul>
          )}
        </Card>
        <Card title={`Role assignments (${assignments.length})`}>
          {assignments.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No roles.</p> : (
            <ul className="space-y-1 text-sm">
              {assignments.map((a, i) => (
                <li key={i}>
                  <span className="font-medium">{a.role.name}</span> on{" "}
                  {a.scope.project ? `project ${a.scope.project.name}` : a.scope.domain ? `domain ${a.scope.domain.name}` : "the system"}
                  {a.group ? <span className="text-zinc-600 dark:text-zinc-400"> (through group {a.group.name})</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
