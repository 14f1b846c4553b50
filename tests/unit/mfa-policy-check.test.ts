import { beforeEach, describe, expect, it } from "vitest";
import { KeystoneError } from "@/lib/keystone";
import { policyAtLogin } from "@/lib/mfa/policy-check";
import { POLICY_SET_SECONDS, policySetCache, type PolicySetCache } from "@/lib/mfa/policy-set";
import type { AuditEvent } from "@/lib/security/audit";
import { createFakeKeystone, type FakeKeystone } from "../support/fake-keystone";

const NOW = new Date("2026-05-01T12:00:00Z");
let ks: FakeKeystone;
let events: AuditEvent[];
let serviceBroken: boolean;
let clock: number;
let version: number;
let policySet: PolicySetCache;
/** Keystone calls the check made, by name ("domains", "groups", "userGroups"). */
let asked: string[];

const check = (allowApplicationCredentials = true) =>
  policyAtLogin({
    keystone: ks.keystone,
    asServiceAccount: async (fn) => {
      if (serviceBroken) throw new KeystoneError("bad_credentials", "The request you have made requires authentication.", 401);
      return fn(ks.tokenFor("svc", true));
    },
    serviceAccount: { name: "dashboard-svc", domain: "Default" },
    audit: async (e) => void events.push(e),
    allowApplicationCredentials,
    now: () => NOW,
    policySet,
  });

const signingIn = (id: string, name: string) => ({ id, name, domain: { id: "default", name: "Default" } });

beforeEach(() => {
  ks = createFakeKeystone();
  events = [];
  serviceBroken = false;
  ks.addUser({ id: "bob", name: "bob" });
  ks.addUser({ id: "svc", name: "dashboard-svc" });
  ks.groups.set("g1", { id: "g1", name: "ops", domain_id: "default", mfa_required: true, members: new Set(["bob", "svc"]) });
  clock = NOW.getTime();
  version = 0;
  policySet = policySetCache(async () => version, () => clock);
  asked = [];
  for (const name of ["domains", "groups", "userGroups"] as const) {
    const real = ks.keystone.identity[name] as (...args: unknown[]) => Promise<unknown>;
    (ks.keystone.identity as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      asked.push(name);
      return real(...args);
    };
  }
});

describe("the MFA policy check at sign-in", () => {
  it("enforces MFA on a member who joined after the policy, as the policy's, and says so in the audit log", async () => {
    expect(await check()(signingIn("bob", "bob"))).toBe(true);
    expect(ks.users.get("bob")!.options.multi_factor_auth_rules).toEqual([["password", "totp"], ["application_credential"]]);
    expect(ks.users.get("bob")!.mfa_enforced_by).toMatchObject({ by: "policy", actor: "group ops" });
    expect(events).toEqual([{ event: "login.policy", outcome: "success", userId: "bob", userName: "bob", reason: "MFA enforced by the policy of group ops" }]);
  });

  it("leaves application credentials refused when the operator turned that off", async () => {
    expect(await check(false)(signingIn("bob", "bob"))).toBe(true);
    expect(ks.users.get("bob")!.options.multi_factor_auth_rules).toEqual([["password", "totp"]]);
  });

  it("never enforces MFA on the service account, whatever policy covers it", async () => {
    ks.domains.get("default")!.mfa_required = true;
    expect(await check()(signingIn("svc", "Dashboard-SVC"))).toBe(false);
    expect(ks.writes).toEqual([]);
    expect(events).toEqual([]);
  });

  it("leaves a user no policy covers alone", async () => {
    ks.groups.clear();
    expect(await check()(signingIn("bob", "bob"))).toBe(false);
    expect(ks.writes).toEqual([]);
  });

  it("lets the sign-in go on when the check cannot be made, and records each such sign-in", async () => {
    serviceBroken = true;
    expect(await check()(signingIn("bob", "bob"))).toBe(false);
    expect(await check()(signingIn("bob", "bob"))).toBe(false);
    expect(events.map((e) => `${e.event} ${e.outcome} ${e.reason}`)).toEqual([
      "login.policy failure policy could not be checked",
      "login.policy failure policy could not be checked",
    ]);
  });

  it("lists the groups and domains requiring MFA once for a few seconds, and asks only for the user's groups", async () => {
    ks.addUser({ id: "carol", name: "carol" });
    expect(await check()(signingIn("carol", "carol"))).toBe(false);
    expect(await check()(signingIn("carol", "carol"))).toBe(false);
    expect(asked).toEqual(["domains", "groups", "userGroups", "userGroups"]);
    clock += POLICY_SET_SECONDS * 1000;
    expect(await check()(signingIn("carol", "carol"))).toBe(false);
    expect(asked.slice(4)).toEqual(["domains", "groups", "userGroups"]);
  });

  it("asks nothing per user when no group requires MFA, and sees a domain policy at once when the version moves", async () => {
    ks.groups.clear();
    expect(await check()(signingIn("bob", "bob"))).toBe(false);
    expect(await check()(signingIn("bob", "bob"))).toBe(false);
    expect(asked).toEqual(["domains", "groups"]);
    ks.domains.get("default")!.mfa_required = true;
    version += 1; // what an administrator's change does, on any instance
    expect(await check()(signingIn("bob", "bob"))).toBe(true);
    expect(ks.users.get("bob")!.mfa_enforced_by).toMatchObject({ by: "policy", actor: "domain Default" });
  });

  it("catches a user who joined a group after the set was read", async () => {
    ks.groups.get("g1")!.members.delete("bob");
    expect(await check()(signingIn("bob", "bob"))).toBe(false);
    ks.groups.get("g1")!.members.add("bob");
    expect(await check()(signingIn("bob", "bob"))).toBe(true);
  });
});
