import { message, type Message } from "@/lib/i18n/message";
import type { UserOptions } from "@/lib/keystone";
import { describeMethods } from "./methods";
import { acceptsApplicationCredentials, activeRules } from "./rules";

/** Whether Keystone gives a token for one of the user's application credentials, in words. */
export interface ApplicationCredentialAccess {
  accepted: boolean;
  words: Message;
}

/** What the CLI prints when Keystone answers an application credential with a receipt. */
export const CLI_REFUSAL = "Not all required auth rules were satisfied: []";

/**
 * Keystone applies MFA rules to application credentials too: one is accepted only with no rules or
 * with a rule it meets alone (["application_credential"]). `reader` is "self" on the user's own pages
 * and "admin" for an administrator; `dashboardAddsRule` is MFA_ALLOW_APPLICATION_CREDENTIALS.
 */
export function applicationCredentialAccess(options: UserOptions, reader: "self" | "admin", dashboardAddsRule: boolean): ApplicationCredentialAccess {
  const rules = activeRules(options);
  const own = reader === "self";
  if (acceptsApplicationCredentials(options)) {
    const why = rules.length === 0 ? "appCredentialAccess.noRules" : own ? "appCredentialAccess.ownRuleAllows" : "appCredentialAccess.userRuleAllows";
    return { accepted: true, words: message("appCredentialAccess.accepted", { why: message(why) }) };
  }
  return {
    accepted: false,
    words: message(own ? "appCredentialAccess.refusedOwn" : "appCredentialAccess.refusedUser", {
      rules: describeMethods(rules),
      cliRefusal: CLI_REFUSAL,
      setting: dashboardAddsRule ? "on" : "off",
    }),
  };
}
