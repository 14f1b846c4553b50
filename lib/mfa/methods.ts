// Maps, not plain objects: a method named "constructor" must not find Object's own.
const names = new Map([
  ["password", "a password"],
  ["totp", "a passcode from an authenticator app"],
  ["application_credential", "an application credential"],
  ["token", "an existing token"],
  ["oauth1", "OAuth 1.0a"],
  ["mapped", "federated (single sign-on) authentication"],
  ["external", "external authentication"],
]);

const shortNames = new Map([
  ["totp", "passcode"],
  ["application_credential", "app credential"],
]);

/** The methods the admin rule editor offers. */
export const RULE_METHODS = ["password", "totp", "application_credential"] as const;

export const describeMethod = (method: string) => names.get(method) ?? `the "${method}" method`;

/** A rule in a few words for tables: ["password", "totp"] -> "password + passcode". */
export const shortRule = (rule: string[]) => rule.map((m) => shortNames.get(m) ?? m).join(" + ");

/** Rules in words: [["totp"], ["application_credential"]] -> "a passcode ... or an application credential". */
export function describeMethods(rules: string[][]): string {
  return rules.map((rule) => rule.map(describeMethod).join(" and ")).join(", or ");
}
