const names: Record<string, string> = {
  password: "a password",
  totp: "a passcode from an authenticator app",
  application_credential: "an application credential",
  token: "an existing token",
  oauth1: "OAuth 1.0a",
  mapped: "federated (single sign-on) authentication",
  external: "external authentication",
};

export const describeMethod = (method: string) => names[method] ?? `the "${method}" method`;

/** Rules in words: [["totp"], ["application_credential"]] -> "a passcode ... or an application credential". */
export function describeMethods(rules: string[][]): string {
  return rules.map((rule) => rule.map(describeMethod).join(" and ")).join(", or ");
}
