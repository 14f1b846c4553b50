import type { UserOptions } from "@/lib/keystone";

/** The rules Keystone enforces for a user: none when MFA is switched off or no rule is set. */
export function activeRules(options: UserOptions): string[][] {
  const rules = options.multi_factor_auth_rules ?? [];
  // Keystone treats an unset multi_factor_auth_enabled as true.
  if (options.multi_factor_auth_enabled === false) return [];
  return rules.filter((r) => r.length > 0);
}

/** True when every way Keystone lets this user in needs a TOTP passcode. */
export const requiresTotp = (options: UserOptions) => {
  const rules = activeRules(options);
  return rules.length > 0 && rules.every((r) => r.includes("totp"));
};
