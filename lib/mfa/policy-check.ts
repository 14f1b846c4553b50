import type { Keystone, TokenInfo } from "@/lib/keystone";
import type { AuditEvent } from "@/lib/security/audit";
import { enforcement, isServiceAccount, type ServiceAccountRef } from "./authority";
import { loadPolicySet, policiesCoveringUser, type PolicySetCache } from "./policy-set";

/** What the policy check at sign-in needs; the real ones are wired in lib/use-cases.ts. */
export interface PolicyAtLoginDeps {
  keystone: Keystone;
  asServiceAccount<T>(fn: (token: string) => Promise<T>): Promise<T | null>;
  serviceAccount: ServiceAccountRef | null;
  audit(event: AuditEvent): Promise<void>;
  /** Enforcing MFA keeps application credentials working (MFA_ALLOW_APPLICATION_CREDENTIALS). */
  allowApplicationCredentials: boolean;
  now(): Date;
  /** The groups and domains requiring MFA, kept for seconds (lib/mfa/policy-set.ts). */
  policySet: PolicySetCache;
}

/**
 * Users who joined a group or domain that requires MFA after the policy was applied are caught at
 * their next password sign-in: when a policy covers the user, the service account enforces MFA on
 * them (recorded as the policy's) and the check answers true, so the caller asks Keystone again and
 * gets an auth receipt. The service account itself is never covered. A check that could not be made
 * lets the sign-in go on (members enforced when the policy was applied stay enforced by Keystone
 * itself) and is an audit line.
 */
export function policyAtLogin(deps: PolicyAtLoginDeps) {
  const { keystone } = deps;

  async function enforceIfCovered(token: string, user: TokenInfo["user"]): Promise<string | null> {
    const set = await deps.policySet.get(() => loadPolicySet(keystone, token));
    const groupIds = async () => (await keystone.identity.userGroups(token, user.id)).map((g) => g.id);
    const covering = await policiesCoveringUser(set, user.domain.id, groupIds);
    if (covering.length === 0) return null;
    const actor = `${covering[0].kind} ${covering[0].name}`;
    const record = await keystone.users.get(token, user.id);
    await keystone.users.update(token, user.id, enforcement(record, "policy", actor, deps.now(), deps.allowApplicationCredentials));
    return actor;
  }

  return async function enforcePolicyAtLogin(user: TokenInfo["user"]): Promise<boolean> {
    if (isServiceAccount({ name: user.name, domainName: user.domain.name }, deps.serviceAccount)) return false;
    const who = { event: "login.policy" as const, userId: user.id, userName: user.name };
    try {
      const actor = await deps.asServiceAccount((token) => enforceIfCovered(token, user));
      if (!actor) return false;
      await deps.audit({ ...who, outcome: "success", reason: `MFA enforced by the policy of ${actor}` });
      return true;
    } catch (e) {
      await deps.audit({ ...who, outcome: "failure", reason: "policy could not be checked" });
      console.error(`[mfa-policy] could not check the MFA policy of user ${user.id}: ${(e as Error).message}`);
      return false;
    }
  };
}
