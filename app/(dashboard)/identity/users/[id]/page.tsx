import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MfaBadge } from "@/components/admin/mfa-badge";
import { RecoveryCodesCard } from "@/components/admin/recovery-codes-card";
import { CredentialsTable } from "@/components/app-credentials/credentials-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { config } from "@/lib/config";
import { getSay } from "@/lib/i18n/server";
import { describeMethod, describeRule, RULE_METHODS } from "@/lib/mfa/methods";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.user"))("metaTitle") };
}

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
  const appAccess = applicationCredentialAccess(user.options, "admin", config().MFA_ALLOW_APPLICATION_CREDENTIALS);
  const [t, say] = await Promise.all([getTranslations("admin.user"), getSay()]);
  const link = "font-medium text-brand-700 hover:underline dark:text-brand-100";

  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <p className="text-sm"><Link href="/identity/users" className="text-brand-700 hover:underline dark:text-brand-100">{t("users")}</Link></p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{user.name}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
          <span>{t("domain", { name: domain.name })}</span>
          <span>{t(user.enabled ? "enabled" : "disabled")}</span>
          <MfaBadge state={row.state} enrolmentPending={row.enrolmentPending} />
        </p>
      </div>

      <Card title={t("actions")}>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href={`/identity/users/confirm?action=enforce&id=${id}`} className={link}>{t("enforce")}</Link>
          <Link href={`/identity/users/confirm?action=disable&id=${id}`} className={link}>{t("disable")}</Link>
          <Link href={`/identity/users/confirm?action=reset&id=${id}`} className={link}>{t("reset")}</Link>
        </p>
      </Card>

      <Card title={t("rules")}>
        <RuleEditor
          userId={id}
          rules={rules.map((methods) => ({ methods, words: say(describeRule(methods)) }))}
          methods={RULE_METHODS.map((m) => ({ value: m, label: say(describeMethod(m)) }))}
          enabled={user.options.multi_factor_auth_enabled !== false}
          hasAuthenticator={credentials.length > 0}
        />
      </Card>

      <Card title={t("authenticators", { count: credentials.length })}>
        {credentials.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("noAuthenticator")}</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {credentials.map((c, i) => (
              <li key={c.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>{t("authenticator", { number: i + 1 })} <span className="text-zinc-600 dark:text-zinc-400">{t("authenticatorId", { id: c.id.slice(-6) })}</span></span>
                <RemoveAuthenticator userId={id} credentialId={c.id} label={t("removeAuthenticator", { number: i + 1 })} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <RecoveryCodesCard summary={recovery} />
      <Card title={t("appCredentials", { count: appCredentials.length })}>
        <div className="space-y-4">
          <Alert tone={appAccess.accepted ? "info" : "warning"}>{say(appAccess.words)}</Alert>
          <CredentialsTable caption={t("appCredentialsOf", { name: user.name })} credentials={appCredentials} deleteAction={deleteApplicationCredentialAction} hidden={{ userId: id }} />
        </div>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("groups", { count: groups.length })}>
          {groups.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("noGroups")}</p> : (
            <ul className="space-y-1 text-sm">
              {groups.map((g) => <li key={g.id}>{g.name}{g.mfa_required ? <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-300">{t("requiresMfa")}</span> : null}</li>)}
            </ul>
          )}
        </Card>
        <Card title={t("roleAssignments", { count: assignments.length })}>
          {assignments.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("noRoles")}</p> : (
            <ul className="space-y-1 text-sm">
              {assignments.map((a, i) => (
                <li key={i}>
                  {t.rich(a.scope.project ? "roleOnProject" : a.scope.domain ? "roleOnDomain" : "roleOnSystem", {
                    role: a.role.name,
                    scope: a.scope.project?.name ?? a.scope.domain?.name ?? "",
                    strong: (chunks) => <span className="font-medium">{chunks}</span>,
                  })}
                  {a.group ? <span className="text-zinc-600 dark:text-zinc-400"> {t("throughGroup", { name: a.group.name })}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
