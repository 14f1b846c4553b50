import type { UserOptions } from "@/lib/keystone";

/** The rules Keystone enforces for a user: none when MFA is switched off or no rule is set. */
export function activeRules(options: UserOptions): string[][] {
  const rules = options.multi_factor_auth_rules ?? [];
  // Keystone treats an unset multi_factor_auth_enabled as true.
  if (options.multi_factor_auth_enabled === false) return [];
  return rules.filter((r) => r.length > 0);
}

/** A rule an application credential meets on its own: what keeps scripts signing in under MFA. */
export const isApplicationCredentialRule = (rule: string[]) => rule.length > 0 && rule.every((m) => m === "application_credential");

/** True when every way a person signs in needs a TOTP passcode (rules only scripts can meet aside). */
export const requiresTotp = (options: UserOptions) => {
  const interactive = activeRules(options).filter((r) => !isApplicationCredentialRule(r));
  return interactive.length > 0 && interactive.every((r) => r.includes("totp"));
};

/** True when Keystone gives a token for an application credential alone: no rules, or one it meets. */
export const acceptsApplicationCredentials = (options: UserOptions) => {
  const rules = activeRules(options);
  return rules.length === 0 || rules.some(isApplicationCredentialRule);
};
