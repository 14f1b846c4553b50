import { describe, expect, it } from "vitest";
import { activeRules, requiresTotp } from "@/lib/mfa/rules";

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
});

describe("MFA state", () => {
  it("tells enforced, registered and off apart", async () => {
    const { mfaState } = await import("@/lib/mfa/state");
    expect(mfaState({ multi_factor_auth_rules: [["password", "totp"]] }, 1)).toBe("enforced");
    expect(mfaState({ multi_factor_auth_enabled: false, multi_factor_auth_rules: [["password", "totp"]] }, 1)).toBe("registered");
    expect(mfaState({}, 2)).toBe("registered");
    expect(mfaState({}, 0)).toBe("off");
  });

  it("puts rules in words", async () => {
    const { rulesInWords } = await import("@/lib/mfa/state");
    expect(rulesInWords({ multi_factor_auth_rules: [["password", "totp"]] })).toEqual([
      "a password and a passcode from an authenticator app",
    ]);
  });
});

describe("method names", () => {
  it("are looked up without Object's own properties", async () => {
    const { describeMethod, shortRule } = await import("@/lib/mfa/methods");
    expect(describeMethod("totp")).toBe("a passcode from an authenticator app");
    expect(describeMethod("constructor")).toBe('the "constructor" method');
    expect(shortRule(["toString", "totp"])).toBe("toString + passcode");
  });
});
