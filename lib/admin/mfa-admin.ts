import "server-only";
import { isKeystoneError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import type { SessionUser } from "@/lib/auth/session-user";
import { readMfaAccount, type MfaAccount as Target } from "@/lib/mfa/account";
import { withPasswordAndTotp } from "@/lib/mfa/state";
import { audit } from "@/lib/security/audit";

export type AdminAction = "enforce" | "disable" | "reset";

export interface AdminResult {
  userId: string;
  userName: string;
  ok: boolean;
  /** What happened, or why nothing did. */
  message: string;
}


/** Turns the rule password + totp on, refusing users without an authenticator unless they are to enrol. */
async function enforce(token: string, t: Target, requireEnrolment: boolean): Promise<string | null> {
  if (t.credentialIds.length === 0 && !requireEnrolment) return null; // the lockout guard
  const rules = withPasswordAndTotp(t.user.options.multi_factor_auth_rules ?? []);
  await keystone().users.update(token, t.user.id, { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: rules } });
  return t.credentialIds.length ? "MFA enforced." : "MFA required: the user sets up an authenticator at next sign-in.";
}

/** Keeps the rules but switches them off, so password alone signs in again. */
async function disable(token: string, t: Target) {
  await keystone().users.update(token, t.user.id, { options: { multi_factor_auth_enabled: false } });
  return "MFA disabled: the password alone signs in.";
}

/** Removes the rules first, then every authenticator: no order of failures locks the user out. */
async function reset(token: string, t: Target) {
  await keystone().users.update(token, t.user.id, { options: { multi_factor_auth_rules: null, multi_factor_auth_enabled: null } });
  for (const id of t.credentialIds) await keystone().credentials.delete(token, id);
  return `Authenticators reset (${t.credentialIds.length} removed); MFA is off until the user enrols again.`;
}

const LOCKOUT =
  "Refused: this user has no authenticator, so enforcing MFA would lock them out of everything but the password step. Choose “require enrolment at next sign-in” instead.";

/** Runs one admin MFA action on one user, with the admin's own token, and audits it. */
export async function runAdminAction(
  admin: SessionUser,
  action: AdminAction,
  userId: string,
  options: { requireEnrolment?: boolean } = {},
): Promise<AdminResult> {
  const token = admin.keystoneToken;
  let target: Target;
  try {
    target = await readMfaAccount(token, userId);
  } catch (e) {
    if (isKeystoneError(e)) return { userId, userName: userId, ok: false, message: "This user could not be read from Keystone." };
    throw e;
  }
  const base = { userId, userName: target.user.name };
  let message: string | null;
  try {
    message =
      action === "enforce" ? await enforce(token, target, options.requireEnrolment ?? false)
      : action === "disable" ? await disable(token, target)
      : await reset(token, target);
  } catch (e) {
    if (!isKeystoneError(e)) throw e;
    await auditChange(admin, action, target, null, e.kind);
    return { ...base, ok: false, message: `Keystone refused the change (${e.kind}).` };
  }
  if (message === null) {
    await auditChange(admin, action, target, null, "lockout guard");
    return { ...base, ok: false, message: LOCKOUT };
  }
  const after = await readMfaAccount(token, userId).catch(() => null);
  await auditChange(admin, action, target, after, null);
  return { ...base, ok: true, message };
}

export async function auditChange(admin: SessionUser, action: string, before: Target, after: Target | null, refusal: string | null) {
  await audit({
    event: "admin.change",
    outcome: refusal ? "refused" : "success",
    userId: admin.id,
    userName: admin.name,
    reason: refusal ?? undefined,
    details: {
      action,
      targetId: before.user.id,
      targetName: before.user.name,
      mfaBefore: before.state,
      mfaAfter: after?.state ?? before.state,
    },
  });
}
