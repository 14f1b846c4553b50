import { describe, expect, it } from "vitest";
import { acceptsApplicationCredentials, activeRules, requiresTotp } from "@/lib/mfa/rules";
import { english } from "../support/english";

describe("MFA rules", () => {
  it("are active when enabled is unset (Keystone's default) or true", () => {
    expect(activeRules({ multi_factor_auth_rules: [["password", "totp"]] })).toEqual([["password", "totp"]]);
    expect(requiresTotp({ multi_factor_auth_enabled: true, multi_factor_auth_rules: [["totp", "password"]] })).toBe(true);
  });

  it("are inactive when switched off or absent", () => {
    expect(activeRules({ multi_factor_auth_enabled: false, multi_factor_auth_rules: [["password", "totp"]] })).toEqual([]);
    expect(requiresTotp({})).toBe(false);
  });

  it("require TOTP only when every rule includes it", () => {
    expect(requiresTotp({ multi_factor_auth_rules: [["password", "totp"], ["password", "application_credential"]] })).toBe(false);
  });

  it("still require TOTP of a person when only scripts have a rule of their own (application_credential alone)", () => {
    const withAutomation = { multi_factor_auth_rules: [["password", "totp"], ["application_credential"]] };
    expect(requiresTotp(withAutomation)).toBe(true);
    expect(requiresTotp({ multi_factor_auth_rules: [["application_credential"]] })).toBe(false);
    expect(requiresTotp({ multi_factor_auth_rules: [["password", "totp"], ["application_credential", "password"]] })).toBe(false);
  });

  it("accept an application credential alone with no rules or a rule it meets, as Keystone does", () => {
    expect(acceptsApplicationCredentials({})).toBe(true);
    expect(acceptsApplicationCredentials({ multi_factor_auth_rules: [["password", "totp"]] })).toBe(false);
    expect(acceptsApplicationCredentials({ multi_factor_auth_rules: [["password", "totp"], ["application_credential"]] })).toBe(true);
    expect(acceptsApplicationCredentials({ multi_factor_auth_rules: [["password", "application_credential"]] })).toBe(false);
    expect(acceptsApplicationCredentials({ multi_factor_auth_enabled: false, multi_factor_auth_rules: [["password", "totp"]] })).toBe(true);
  });
});

describe("MFA state", () => {
  it("tells enforced, registered and off apart", async () => {
    const { mfaState } = await import("@/lib/mfa/state");
    expect(mfaState({ multi_factor_auth_rules: [["password", "totp"]] }, 1)).toBe("enforced");
    expect(mfaState({ multi_factor_auth_enabled: false, multi_factor_auth_rules: [["password", "totp"]] }, 1)).toBe("registered");
    expect(mfaState({}, 2)).toBe("registered");
    expect(mfaState({}, 0)).toBe("off");
    expect(mfaState({ multi_factor_auth_rules: [["password", "totp"], ["application_credential"]] }, 1)).toBe("enforced");
  });

  it("puts rules in words", async () => {
    const { rulesInWords } = await import("@/lib/mfa/state");
    expect(english(rulesInWords({ multi_factor_auth_rules: [["password", "totp"]] }))).toEqual([
      "a password and a passcode from an authenticator app",
    ]);
  });
});

describe("method names", () => {
  it("are looked up without Object's own properties", async () => {
    const { describeMethod, shortRule } = await import("@/lib/mfa/methods");
    expect(english(describeMethod("totp"))).toBe("a passcode from an authenticator app");
    expect(english(describeMethod("constructor"))).toBe("the “constructor” method");
    expect(english(shortRule(["toString", "totp"]))).toBe("toString + passcode");
  });
});

describe("whether application credentials work, in words", () => {
  it("says they work with no rules or a rule they meet alone, and why they are refused otherwise", async () => {
    const { applicationCredentialAccess, CLI_REFUSAL } = await import("@/lib/mfa/application-credentials");
    expect(english(applicationCredentialAccess({}, "self", true))).toEqual({ accepted: true, words: expect.stringContaining("with no sign-in rules") });
    const kept = applicationCredentialAccess({ multi_factor_auth_rules: [["password", "totp"], ["application_credential"]] }, "self", true);
    expect(english(kept)).toEqual({ accepted: true, words: expect.stringContaining("your sign-in rules include one that an application credential meets on its own") });
    const refused = applicationCredentialAccess({ multi_factor_auth_rules: [["password", "totp"]] }, "self", false);
    expect(refused.accepted).toBe(false);
    expect(english(refused.words)).toContain("Keystone refuses your application credentials");
    expect(english(refused.words)).toContain("a password and a passcode from an authenticator app");
    expect(english(refused.words)).toContain(CLI_REFUSAL);
    expect(english(refused.words)).toContain("Ask your cloud administrator");
    expect(english(refused.words)).toContain("set not to add that rule");
    const forAdmin = applicationCredentialAccess({ multi_factor_auth_rules: [["password", "totp"]] }, "admin", true);
    expect(english(forAdmin.words)).toContain("Keystone refuses this user's application credentials");
    expect(english(forAdmin.words)).toContain("Add the rule");
    expect(english(forAdmin.words)).not.toContain("set not to add");
  });
});
