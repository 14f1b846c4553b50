import { describe, expect, it } from "vitest";
import type { User } from "@/lib/keystone";
import {
  adminMayRemove,
  adminRules,
  describeEnforcer,
  enforcement,
  enforcerOf,
  enforcingRules,
  isServiceAccount,
  lifting,
  liftedRules,
  mayAddRule,
  mayEnforce,
  mayKeepRules,
  mayRemoveAuthenticator,
  mayTurnOff,
} from "@/lib/mfa/authority";
import { english } from "../support/english";

const NOW = new Date("2026-05-01T12:00:00Z");
const user = (options: User["options"] = {}, record?: unknown): User => ({ id: "u1", name: "alice", domain_id: "default", enabled: true, options, mfa_enforced_by: record });
const PASSWORD_TOTP = [["password", "totp"]];
const self = { by: "self", rules: PASSWORD_TOTP, at: NOW.toISOString() };

describe("the rules enforcing MFA writes", () => {
  const AUTOMATION = ["application_credential"];

  it("add password + totp once, keeping the other rules, in any method order", () => {
    expect(enforcingRules([], false)).toEqual(PASSWORD_TOTP);
    expect(enforcingRules([["password", "application_credential"]], false)).toEqual([["password", "application_credential"], ["password", "totp"]]);
    expect(enforcingRules([["totp", "password"]], false)).toEqual([["totp", "password"]]);
  });

  it("add application_credential alone unless the setting is off, so the user's scripts keep signing in", () => {
    expect(enforcingRules([], true)).toEqual([...PASSWORD_TOTP, AUTOMATION]);
    expect(enforcingRules([["totp", "password"]], true)).toEqual([["totp", "password"], AUTOMATION]);
    expect(enforcingRules([AUTOMATION, ["totp", "password"]], true)).toEqual([AUTOMATION, ["totp", "password"]]);
    expect(enforcingRules([["password", "application_credential"]], true)).toEqual([["password", "application_credential"], ...PASSWORD_TOTP, AUTOMATION]);
    expect(enforcingRules([AUTOMATION], false)).toEqual([AUTOMATION, ...PASSWORD_TOTP]);
  });

  it("come with a record of who enforced MFA, and lifting removes both", () => {
    const changes = enforcement(user({ multi_factor_auth_rules: [["password", "application_credential"]] }), "admin", "demo-admin", NOW, false);
    expect(changes).toEqual({
      options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [["password", "application_credential"], ["password", "totp"]] },
      mfa_enforced_by: { by: "admin", rules: [["password", "application_credential"], ["password", "totp"]], actor: "demo-admin", at: NOW.toISOString() },
    });
    expect(lifting(user({ multi_factor_auth_rules: [["password", "application_credential"], ["password", "totp"]] }))).toEqual({
      options: { multi_factor_auth_rules: [["password", "application_credential"]] },
      mfa_enforced_by: null,
    });
    expect(lifting(user({ multi_factor_auth_enabled: true, multi_factor_auth_rules: PASSWORD_TOTP }))).toEqual({
      options: { multi_factor_auth_rules: null, multi_factor_auth_enabled: null },
      mfa_enforced_by: null,
    });
    expect(liftedRules([["totp"], ["password"]])).toEqual([["password"]]);
  });

  it("record the application-credential rule too, so the record keeps matching, and lifting takes it away", () => {
    const changes = enforcement(user(), "self", undefined, NOW, true);
    const enforced = user(changes.options as User["options"], changes.mfa_enforced_by);
    expect(enforcerOf(enforced, [])).toEqual({ by: "self" });
    expect(lifting(enforced).options).toEqual({ multi_factor_auth_rules: null, multi_factor_auth_enabled: null });
    // Alone it would leave only scripts able to sign in; next to another rule it stays.
    expect(liftedRules([...PASSWORD_TOTP, AUTOMATION])).toEqual([]);
    expect(liftedRules([["password", "application_credential"], ...PASSWORD_TOTP, AUTOMATION])).toEqual([["password", "application_credential"], AUTOMATION]);
  });

  it("set by hand by an administrator are theirs while one needs a passcode", () => {
    expect(adminRules(PASSWORD_TOTP, "root", NOW).mfa_enforced_by).toMatchObject({ by: "admin", actor: "root" });
    expect(adminRules([["password", "application_credential"]], "root", NOW).mfa_enforced_by).toBeNull();
    expect(adminRules([], "root", NOW).options).toEqual({ multi_factor_auth_rules: null });
  });

  it("never leave the user with only rules an application credential meets", () => {
    expect(mayKeepRules([AUTOMATION]).allowed).toBe(false);
    expect(mayKeepRules([AUTOMATION, AUTOMATION]).allowed).toBe(false);
    expect(mayKeepRules([]).allowed).toBe(true);
    expect(mayKeepRules([...PASSWORD_TOTP, AUTOMATION]).allowed).toBe(true);
  });
});

describe("who enforced MFA", () => {
  it("is nobody when no rule needs a passcode, or the rules are switched off", () => {
    expect(enforcerOf(user(), [])).toBeNull();
    expect(enforcerOf(user({ multi_factor_auth_rules: [["password", "application_credential"]] }), [])).toBeNull();
    expect(enforcerOf(user({ multi_factor_auth_enabled: false, multi_factor_auth_rules: PASSWORD_TOTP }, self), [])).toBeNull();
  });

  it("is the user, an administrator or a policy, as recorded, while the rules are the recorded ones", () => {
    expect(enforcerOf(user({ multi_factor_auth_rules: [["totp", "password"]] }, self), [])).toEqual({ by: "self" });
    expect(enforcerOf(user({ multi_factor_auth_rules: PASSWORD_TOTP }, { ...self, by: "admin", actor: "root" }), [])).toEqual({ by: "admin", actor: "root" });
    expect(enforcerOf(user({ multi_factor_auth_rules: PASSWORD_TOTP }, { ...self, by: "policy", actor: "group ops" }), [])).toEqual({ by: "policy", actor: "group ops" });
  });

  it("is Keystone when nobody here wrote the rules, or they changed since (openstack user set)", () => {
    expect(enforcerOf(user({ multi_factor_auth_rules: PASSWORD_TOTP }), [])).toEqual({ by: "keystone" });
    const changed = user({ multi_factor_auth_rules: [...PASSWORD_TOTP, ["totp"]] }, self);
    expect(enforcerOf(changed, [])).toEqual({ by: "keystone" });
    expect(enforcerOf(user({ multi_factor_auth_rules: PASSWORD_TOTP }, { by: "self", rules: "forged" }), [])).toEqual({ by: "keystone" });
    expect(enforcerOf(user({ multi_factor_auth_rules: PASSWORD_TOTP }, "self"), [])).toEqual({ by: "keystone" });
  });

  it("is a covering policy first, even for MFA the user turned on, and even before any rule is set", () => {
    const policies = [{ kind: "group" as const, name: "ops" }, { kind: "domain" as const, name: "Default" }];
    const covered = enforcerOf(user({ multi_factor_auth_rules: PASSWORD_TOTP }, self), policies);
    expect(covered).toEqual({ by: "policy", covers: policies });
    expect(english(describeEnforcer(covered!))).toContain("the MFA policy of group ops and domain Default.");
    expect(enforcerOf(user(), policies.slice(0, 1))).toEqual({ by: "policy", covers: policies.slice(0, 1) });
  });

  it("is said in words, with whom to ask when it is not the user's", () => {
    expect(english(describeEnforcer({ by: "self" }))).toBe("You turned on MFA yourself, so you may turn it off again.");
    expect(english(describeEnforcer({ by: "admin", actor: "root" }))).toBe("An administrator (root) turned on MFA for your account. Only an administrator can turn it off: ask your cloud administrator.");
    expect(english(describeEnforcer({ by: "policy", actor: "group ops" }))).toContain("required by the MFA policy of group ops");
    expect(english(describeEnforcer({ by: "keystone" }))).toContain("turned on in Keystone, outside this dashboard. Only an administrator");
  });
});

describe("who may change what", () => {
  it("a user may turn off only MFA they turned on, or that nothing enforces", () => {
    expect(mayTurnOff(null)).toEqual({ allowed: true });
    expect(mayTurnOff({ by: "self" })).toEqual({ allowed: true });
    for (const enforcer of [{ by: "admin" } as const, { by: "policy", actor: "group ops" } as const, { by: "keystone" } as const]) {
      const decision = mayTurnOff(enforcer);
      expect(decision.allowed).toBe(false);
      expect(english(decision.allowed || decision.reason)).toContain("ask your cloud administrator");
    }
  });

  it("a user may remove an authenticator, but not the last one while MFA is on", () => {
    expect(mayRemoveAuthenticator(2, { by: "admin" }).allowed).toBe(true);
    expect(mayRemoveAuthenticator(1, null).allowed).toBe(true);
    expect(english(mayRemoveAuthenticator(1, { by: "self" }))).toEqual({ allowed: false, reason: expect.stringContaining("Turn MFA off instead") });
    expect(english(mayRemoveAuthenticator(1, { by: "keystone" }))).toEqual({ allowed: false, reason: expect.stringContaining("Ask your cloud administrator") });
  });

  it("an administrator may not lock a user out", () => {
    expect(mayEnforce(0, false).allowed).toBe(false);
    expect(mayEnforce(0, true).allowed).toBe(true);
    expect(mayEnforce(1, false).allowed).toBe(true);
    expect(adminMayRemove(user({ multi_factor_auth_rules: PASSWORD_TOTP }), 1).allowed).toBe(false);
    expect(adminMayRemove(user({ multi_factor_auth_rules: PASSWORD_TOTP }), 2).allowed).toBe(true);
    expect(adminMayRemove(user(), 1).allowed).toBe(true);
    expect(mayAddRule(["password", "totp"], 0).allowed).toBe(false);
    expect(mayAddRule(["password", "application_credential"], 0).allowed).toBe(true);
  });

  it("the service account is known by name and domain, without regard to case", () => {
    const service = { name: "dashboard-svc", domain: "Default" };
    expect(isServiceAccount({ name: "Dashboard-Svc", domainName: "default" }, service)).toBe(true);
    expect(isServiceAccount({ name: "dashboard-svc", domainName: "Research" }, service)).toBe(false);
    expect(isServiceAccount({ name: "dashboard-svc", domainName: "Default" }, null)).toBe(false);
  });
});
