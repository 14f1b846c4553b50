import type { UserOptions } from "@/lib/keystone";
import { describeMethods } from "./methods";
import { acceptsApplicationCredentials, activeRules } from "./rules";

/** Whether Keystone gives a token for one of the user's application credentials, in words. */
export interface ApplicationCredentialAccess {
  accepted: boolean;
  words: string;
}

/** What the CLI prints when Keystone answers an application credential with a receipt. */
export const CLI_REFUSAL = "Not all required auth rules were satisfied: []";

/**
 * Keystone applies MFA rules to application credentials too: one is accepted only with no rules or
 * with a rule it meets alone (["application_credential"]). `whose` is "your" on the user's own pages
 * and "this user's" for an administrator; `dashboardAddsRule` is MFA_ALLOW_APPLICATION_CREDENTIALS.
 */
export function applicationCredentialAccess(options: UserOptions, whose: "your" | "this user's", dashboardAddsRule: boolean): ApplicationCredentialAccess {
  const rules = activeRules(options);
  if (acceptsApplicationCredentials(options)) {
    const why = rules.length === 0 ? "with no sign-in rules, Keystone accepts one on its own" : `${whose} sign-in rules include one that an application credential meets on its own`;
    return { accepted: true, words: `Application credentials work: ${why}, so scripts and CI jobs sign in without a password or a passcode.` };
  }
  const fix =
    whose === "your"
      ? "Ask your cloud administrator to add the rule “application credential” on its own."
      : "Add the rule “application credential” on its own below to let them work.";
  const setting = dashboardAddsRule ? "" : " This dashboard is set not to add that rule when it enforces MFA.";
  return {
    accepted: false,
    words:
      `Keystone refuses ${whose} application credentials: every sign-in rule needs more than one (${describeMethods(rules)}), ` +
      `so a script gets “${CLI_REFUSAL}” instead of a token. ${fix}${setting}`,
  };
}
