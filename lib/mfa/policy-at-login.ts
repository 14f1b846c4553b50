import "server-only";
import type { TokenInfo } from "@/lib/keystone";
import { asServiceAccount } from "@/lib/keystone-service";
import { keystone } from "@/lib/keystone-server";
import { withPasswordAndTotp } from "./state";

/**
 * Users who joined a group or domain that requires MFA after the policy was applied: caught at their
 * next password sign-in. When a policy covers the user, the service account sets password + totp
 * on them and this returns true: the caller asks Keystone again and gets an auth receipt.
 */
export async function enforcePolicyAtLogin(user: TokenInfo["user"]): Promise<boolean> {
  try {
    return (await asServiceAccount((token) => enforceIfCovered(token, user))) === true;
  } catch (e) {
    // A broken service account must not stop every sign-in; members enforced when the policy was
    // applied stay enforced by Keystone itself. Operators see this line.
    console.error(`[mfa-policy] could not check the MFA policy of user ${user.id}: ${(e as Error).message}`);
    return false;
  }
}

async function enforceIfCovered(token: string, user: TokenInfo["user"]): Promise<boolean> {
  const [groups, domain] = await Promise.all([
    keystone().identity.userGroups(token, user.id),
    keystone().identity.domain(token, user.domain.id),
  ]);
  if (!domain.mfa_required && !groups.some((g) => g.mfa_required)) return false;
  const record = await keystone().users.get(token, user.id);
  const rules = withPasswordAndTotp(record.options.multi_factor_auth_rules ?? []);
  await keystone().users.update(token, user.id, { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: rules } });
  return true;
}
