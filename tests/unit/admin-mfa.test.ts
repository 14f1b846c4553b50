import { beforeEach, describe, expect, it } from "vitest";
import { adminMfa, type AdminDeps } from "@/lib/admin/mfa-admin";
import { coverageCsv, mfaPolicies, type Coverage } from "@/lib/admin/policies";
import type { UserRow } from "@/lib/admin/users";
import { recoveryCodes } from "@/lib/mfa/recovery";
import { RECOVERY_CREDENTIAL_TYPE } from "@/lib/mfa/recovery-codes";
import type { AuditEvent } from "@/lib/security/audit";
import { createGuards } from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";
import { createFakeKeystone, type FakeKeystone } from "../support/fake-keystone";
import { english } from "../support/english";

const NOW = new Date("2026-05-01T12:00:00Z");
let ks: FakeKeystone;
let events: AuditEvent[];
let deps: AdminDeps;
let guards: ReturnType<typeof createGuards>;

beforeEach(() => {
  ks = createFakeKeystone();
  events = [];
  guards = createGuards(createMemoryStore(), "s".repeat(32));
  const codes = recoveryCodes({ keystone: ks.keystone, locks: guards, now: () => NOW, sleep: async () => {} });
  deps = {
    keystone: ks.keystone,
    audit: async (e) => void events.push(e),
    serviceAccount: { name: "dashboard-svc", domain: "Default" },
    recoveryCodes: codes,
    allowApplicationCredentials: true,
    mfaLocks: guards,
    now: () => NOW,
    sleep: async () => {},
  };
  ks.addUser({ id: "root", name: "root" });
  ks.addUser({ id: "bob", name: "bob" });
  ks.addUser({ id: "svc", name: "dashboard-svc" });
});

const root = () => ({ id: "root", name: "root", keystoneToken: ks.tokenFor("root", true) });
const bob = () => ks.users.get("bob")!;

describe("admin MFA actions", () => {
  it("enforce writes password + totp and application_credential alone, and records the administrator", async () => {
    ks.addAuthenticator("bob");
    const result = await adminMfa(deps).run(root(), "enforce", "bob");
    expect(english(result)).toEqual({ userId: "bob", userName: "bob", ok: true, message: "MFA enforced." });
    expect(bob().options).toEqual({ multi_factor_auth_enabled: true, multi_factor_auth_rules: [["password", "totp"], ["application_credential"]] });
    expect(bob().mfa_enforced_by).toEqual({ by: "admin", rules: [["password", "totp"], ["application_credential"]], actor: "root", at: NOW.toISOString() });
    expect(events[0]).toMatchObject({ event: "admin.change", outcome: "success", details: { action: "enforce", targetName: "bob", mfaBefore: "registered", mfaAfter: "enforced" } });
  });

  it("the lockout guard refuses a user without an authenticator unless they are to enrol", async () => {
    expect(english(await adminMfa(deps).run(root(), "enforce", "bob"))).toMatchObject({ ok: false, message: expect.stringContaining("lock them out") });
    expect(ks.writes).toEqual([]);
    expect(english(await adminMfa(deps).run(root(), "enforce", "bob", { requireEnrolment: true }))).toMatchObject({ ok: true, message: expect.stringContaining("next sign-in") });
    // The rules the enrolment at sign-in then completes keep application credentials working.
    expect(bob().options.multi_factor_auth_rules).toEqual([["password", "totp"], ["application_credential"]]);
  });

  it("enforce leaves application credentials refused when the operator turned that off", async () => {
    ks.addAuthenticator("bob");
    await adminMfa({ ...deps, allowApplicationCredentials: false }).run(root(), "enforce", "bob", { requireEnrolment: true });
    expect(bob().options.multi_factor_auth_rules).toEqual([["password", "totp"]]);
  });

  it("never enforces MFA on the service account", async () => {
    ks.addAuthenticator("svc");
    expect(english(await adminMfa(deps).run(root(), "enforce", "svc", { requireEnrolment: true }))).toMatchObject({ ok: false, message: expect.stringContaining("service account") });
    const editor = await adminMfa(deps).editRules(root(), "svc", { add: ["password", "totp"] });
    expect(english(editor.error)).toContain("service account");
    expect(ks.writes).toEqual([]);
    expect(events.map((e) => e.reason)).toEqual(["service account", "service account"]);
  });

  it("reset removes the rules and their record first, then every authenticator", async () => {
    ks.addAuthenticator("bob");
    await adminMfa(deps).run(root(), "enforce", "bob");
    ks.writes.length = 0;
    await adminMfa(deps).run(root(), "reset", "bob");
    expect(ks.writes).toEqual(["PATCH user bob", "DELETE credential bob"]);
    expect(bob().options).toEqual({});
    expect(bob().mfa_enforced_by).toBeNull();
  });

  it("reset also voids the user's recovery codes, and says so", async () => {
    ks.addAuthenticator("bob");
    await ks.keystone.credentials.create(ks.tokenFor("bob"), "bob", RECOVERY_CREDENTIAL_TYPE, "{}");
    const result = await adminMfa(deps).run(root(), "reset", "bob");
    expect(english(result.message)).toBe("Authenticators reset (1 removed) and their recovery codes voided; MFA is off until the user enrols again.");
    expect([...ks.credentials.values()].filter((c) => c.user_id === "bob")).toEqual([]);
    expect(events.at(-1)).toMatchObject({ event: "admin.change", details: { action: "reset", recoveryCodeSetsVoided: 1 } });
  });

  it("rules edited by hand are the administrator's while one needs a passcode", async () => {
    ks.addAuthenticator("bob");
    const admins = adminMfa(deps);
    expect(english(await admins.editRules(root(), "bob", { add: ["password", "totp"] }))).toEqual({ message: "Rules saved." });
    expect(bob().mfa_enforced_by).toMatchObject({ by: "admin", actor: "root" });
    expect(english(await admins.editRules(root(), "bob", { remove: 0 }))).toEqual({ message: "Rules saved." });
    expect(bob().options.multi_factor_auth_rules).toBeUndefined();
    expect(bob().mfa_enforced_by).toBeNull();
    expect(english(await admins.editRules(root(), "bob", { remove: 3 }))).toEqual({ error: "That rule does not exist any more." });
  });

  it("adds application_credential alone next to a passcode rule, never as the only rule left", async () => {
    ks.addAuthenticator("bob");
    const admins = adminMfa(deps);
    expect(english(await admins.editRules(root(), "bob", { add: ["application_credential"] }))).toEqual({ error: expect.stringContaining("nothing but an application credential") });
    expect(ks.writes).toEqual([]);
    expect(english(await admins.editRules(root(), "bob", { add: ["password", "totp"] }))).toEqual({ message: "Rules saved." });
    expect(english(await admins.editRules(root(), "bob", { add: ["application_credential"] }))).toEqual({ message: "Rules saved." });
    expect(bob().options.multi_factor_auth_rules).toEqual([["password", "totp"], ["application_credential"]]);
    expect(english(await admins.editRules(root(), "bob", { remove: 0 }))).toEqual({ error: expect.stringContaining("nothing but an application credential") });
    expect(events.at(-1)).toMatchObject({ outcome: "refused", reason: "lockout guard", details: { action: "remove rule" } });
    expect(bob().options.multi_factor_auth_rules).toEqual([["password", "totp"], ["application_credential"]]);
  });

  it("keeps a user's last authenticator while their rules need a passcode", async () => {
    ks.addAuthenticator("bob");
    await adminMfa(deps).run(root(), "enforce", "bob");
    const id = [...ks.credentials.keys()][0];
    expect(english((await adminMfa(deps).removeAuthenticator(root(), "bob", id)).error)).toContain("only authenticator");
    expect(ks.credentials.size).toBe(1);
  });

  it("two removals of a user's two authenticators at once: one goes, the last one stays", async () => {
    ks.addAuthenticator("bob");
    ks.addAuthenticator("bob");
    await adminMfa(deps).run(root(), "enforce", "bob");
    const [first, second] = [...ks.credentials.keys()];
    const results = await Promise.all([adminMfa(deps).removeAuthenticator(root(), "bob", first), adminMfa(deps).removeAuthenticator(root(), "bob", second)]);
    expect(results.filter((r) => r.message).length).toBe(1);
    expect(english(results.find((r) => r.error)?.error)).toContain("only authenticator");
    expect(ks.credentials.size).toBe(1);
  });

  it("a change waits for another change of the same user's MFA; one kept waiting 15 s changes nothing", async () => {
    ks.addAuthenticator("bob");
    ks.addAuthenticator("bob");
    let clock = NOW.getTime();
    const waiting = adminMfa({ ...deps, now: () => new Date(clock), sleep: async (ms) => void (clock += ms) });
    expect(await guards.lockMfaChanges("bob")).toBe(true); // another request's change under way
    const result = await waiting.removeAuthenticator(root(), "bob", [...ks.credentials.keys()][0]);
    expect(english(result.error)).toMatch(/unavailable/i);
    expect(clock - NOW.getTime()).toBeGreaterThan(15_000);
    expect(ks.credentials.size).toBe(2);
    expect((await waiting.run(root(), "reset", "bob")).ok).toBe(false);
    expect(ks.credentials.size).toBe(2);
    // Another user's MFA is not held up, and once the lock is given back the change goes through.
    expect((await waiting.run(root(), "enforce", "root", { requireEnrolment: true })).ok).toBe(true);
    await guards.unlockMfaChanges("bob");
    expect((await waiting.run(root(), "reset", "bob")).ok).toBe(true);
    expect(ks.credentials.size).toBe(0);
  });
});

describe("group and domain policies", () => {
  it("enforce on members as the policy's, skip the service account, and tell the administrator", async () => {
    ks.addAuthenticator("bob");
    ks.groups.set("g1", { id: "g1", name: "ops", domain_id: "default", members: new Set(["bob", "svc"]) });
    let changes = 0;
    const policies = mfaPolicies({ ...deps, policyChanged: async () => void changes++ }, adminMfa(deps));
    const outcome = await policies.setPolicy(root(), { kind: "group", id: "g1" }, true);
    expect(changes).toBe(1); // every instance drops the policies its sign-in checks keep
    expect(outcome.skipped).toEqual(["dashboard-svc"]);
    expect(english(outcome.results)).toEqual([{ userId: "bob", userName: "bob", ok: true, message: "MFA enforced." }]);
    expect(bob().mfa_enforced_by).toMatchObject({ by: "policy", actor: "group ops", rules: [["password", "totp"], ["application_credential"]] });
    expect(bob().options.multi_factor_auth_rules).toEqual([["password", "totp"], ["application_credential"]]);
    expect(ks.users.get("svc")!.options).toEqual({});
    expect(ks.groups.get("g1")!.mfa_required).toBe(true);
  });
});

describe("the coverage CSV", () => {
  const row = (name: string): UserRow => ({ id: name, name, domainId: "d", domainName: "Default", enabled: true, state: "off", authenticators: 0, rules: [], enrolmentPending: false });

  it("neutralises every cell a spreadsheet would take for a formula, and quotes every cell", () => {
    const names = ['=HYPERLINK("http://evil.example","x")', "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "plain", "a=b"];
    const members = names.map(row);
    const report: Coverage = { name: "g", required: true, members, compliant: [], nonCompliant: members };
    const lines = coverageCsv(report).trimEnd().split("\n");
    expect(lines[0]).toBe("user,domain,enabled,mfa,authenticators,compliant");
    expect(lines.slice(1, 2)).toEqual(['"\'=HYPERLINK(""http://evil.example"",""x"")","Default","yes","off","0","no"']);
    for (const name of names.slice(1, 6)) expect(coverageCsv(report)).toContain(`"'${name}"`);
    expect(coverageCsv(report)).toContain('"plain"');
    expect(coverageCsv(report)).toContain('"a=b"');
  });
});
