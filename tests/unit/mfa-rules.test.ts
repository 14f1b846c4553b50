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
