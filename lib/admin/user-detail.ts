import "server-only";
import { isKeystoneError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import type { SessionUser } from "@/lib/auth/session-user";
import { requiresTotp } from "@/lib/mfa/rules";
import { readMfaAccount } from "@/lib/mfa/account";
import { auditChange } from "./mfa-admin";

/** The methods the rule editor offers. */
export const METHODS = ["password", "totp", "application_credential"] as const;

type Result = { message?: string; error?: string };

const sameRule = (a: string[], b: string[]) => a.length === b.length && a.every((m) => b.includes(m));

/** Removes one authenticator; never the last one while the user's rules need a passcode. */
export async function removeUserAuthenticator(admin: SessionUser, userId: string, credentialId: string): Promise<Result> {
  try {
    const before = await readMfaAccount(admin.keystoneToken, userId);
    if (!before.credentialIds.includes(credentialId)) return { error: "That authenticator does not exist any more." };
    if (requiresTotp(before.user.options) && before.credentialIds.length === 1) {
      await auditChange(admin, "remove authenticator", before, null, "lockout guard");
      return { error: "Refused: this is the user's only authenticator and their rules need a passcode. Disable MFA or reset instead." };
    }
    await keystone().credentials.delete(admin.keystoneToken, credentialId);
    await auditChange(admin, "remove authenticator", before, await readMfaAccount(admin.keystoneToken, userId), null);
    return { message: "Authenticator removed." };
  } catch (e) {
    if (isKeystoneError(e)) return { error: `Keystone refused the change (${e.kind}).` };
    throw e;
  }
}

/** Adds or removes one rule. A rule that needs a passcode is refused while the user has no authenticator. */
export async function setUserRules(admin: SessionUser, userId: string, change: { add: string[] } | { remove: number }): Promise<Result> {
  try {
    const before = await readMfaAccount(admin.keystoneToken, userId);
    const current = before.user.options.multi_factor_auth_rules ?? [];
    let rules: string[][];
    if ("add" in change) {
      if (current.some((r) => sameRule(r, change.add))) return { error: "The user already has this rule." };
      if (change.add.includes("totp") && before.credentialIds.length === 0) {
        await auditChange(admin, "add rule", before, null, "lockout guard");
        return { error: "Refused: the user has no authenticator, so a rule that needs a passcode would lock them out. Use “Enforce MFA” with enrolment at next sign-in instead." };
      }
      rules = [...current, change.add];
    } else {
      if (!(change.remove >= 0 && change.remove < current.length)) return { error: "That rule does not exist any more." };
      rules = current.filter((_, i) => i !== change.remove);
    }
    await keystone().users.update(admin.keystoneToken, userId, { options: { multi_factor_auth_rules: rules.length ? rules : null } });
    await auditChange(admin, "add" in change ? "add rule" : "remove rule", before, await readMfaAccount(admin.keystoneToken, userId), null);
    return { message: "Rules saved." };
  } catch (e) {
    if (isKeystoneError(e, "validation")) return { error: `Keystone refused these rules: ${e.message}` };
    if (isKeystoneError(e)) return { error: `Keystone refused the change (${e.kind}).` };
    throw e;
  }
}
