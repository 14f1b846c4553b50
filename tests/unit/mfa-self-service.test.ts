import { generateSecret } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { KeystoneError } from "@/lib/keystone";
import { enforcement } from "@/lib/mfa/authority";
import { recoveryCodes } from "@/lib/mfa/recovery";
import { normalizeRecoveryCode, RECOVERY_CREDENTIAL_TYPE } from "@/lib/mfa/recovery-codes";
import { RECOVERY_NOT_OFFERED, selfServiceMfa, type SelfServiceDeps } from "@/lib/mfa/self-service";
import type { AuditEvent } from "@/lib/security/audit";
import { createGuards } from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";
import { createFakeKeystone, type FakeKeystone } from "../support/fake-keystone";
import { english } from "../support/english";

const NOW = new Date("2026-05-01T12:00:00Z");
let ks: FakeKeystone;
let events: AuditEvent[];
let pending: string | null;
let withServiceAccount: boolean;

let guards: ReturnType<typeof createGuards>;
/** The recovery codes in the fake Keystone, through the real store. */
const codeStore = () => recoveryCodes({ keystone: ks.keystone, locks: guards, now: () => NOW, sleep: async () => {} });

function service(overrides: Partial<SelfServiceDeps> = {}) {
  const svc = ks.tokenFor("svc", true);
  return selfServiceMfa({
    keystone: ks.keystone,
    guards,
    recoveryCodes: codeStore(),
    recoveryOffered: withServiceAccount,
    pendingSecret: async () => pending,
    clearPending: async () => {
      pending = null;
    },
    asServiceAccount: async (fn) => (withServiceAccount ? fn(svc) : null),
    audit: async (e) => {
      events.push(e);
    },
    allowApplicationCredentials: true,
    now: () => NOW,
    sleep: async () => {},
    ...overrides,
  });
}

/** A signed-in member (their token may not change their own rules, as in Keystone's default policy). */
const alice = () => ({ id: "alice", name: "alice", domain: { id: "default", name: "Default" }, keystoneToken: ks.tokenFor("alice") });
const options = () => ks.users.get("alice")!.options;
const record = () => (ks.users.get("alice")!.mfa_enforced_by as { by?: string } | null | undefined)?.by ?? null;
const actions = () => events.filter((e) => e.event === "mfa.change").map((e) => `${e.details?.action} ${e.outcome}`);
/** MFA enforced on alice by someone, written as the dashboard writes it (rules and the record of who). */
function enforceOnAlice(by: "self" | "admin" | "policy") {
  const user = ks.users.get("alice")!;
  const changes = enforcement(user, by, by === "self" ? undefined : "root", NOW, true);
  user.options = { ...user.options, ...changes.options };
  user.mfa_enforced_by = changes.mfa_enforced_by;
}

beforeEach(() => {
  ks = createFakeKeystone();
  events = [];
  pending = null;
  withServiceAccount = true;
  guards = createGuards(createMemoryStore(), "s".repeat(32));
  ks.addUser({ id: "alice", name: "alice" });
  ks.addUser({ id: "svc", name: "dashboard-svc" });
});

describe("turning MFA on", () => {
  it("stores the authenticator, enforces password + totp through the service account and records it as the user's", async () => {
    pending = generateSecret();
    const result = await service().activate(alice(), { passcode: ks.codeFor(pending) });
    expect(result).toEqual({ ok: true, outcome: "activated", recoveryCodes: expect.any(Array) });
    expect(options().multi_factor_auth_rules).toEqual([["password", "totp"], ["application_credential"]]);
    expect(record()).toBe("self");
    expect(pending).toBeNull();
    expect(actions()).toEqual(["turn on success", "issue recovery codes success"]);
    expect(events[0].details).toMatchObject({ mfaBefore: "off", mfaAfter: "enforced" });
  });

  it("keeps application credentials refused when the operator turned that off", async () => {
    pending = generateSecret();
    expect(await service({ allowApplicationCredentials: false }).activate(alice(), { passcode: ks.codeFor(pending) })).toEqual({ ok: true, outcome: "activated", recoveryCodes: expect.any(Array) });
    expect(options().multi_factor_auth_rules).toEqual([["password", "totp"]]);
    expect(ks.users.get("alice")!.mfa_enforced_by).toMatchObject({ by: "self", rules: [["password", "totp"]] });
  });

  it("only registers the authenticator when nobody may set the rules (no service account)", async () => {
    withServiceAccount = false;
    pending = generateSecret();
    expect(await service().activate(alice(), { passcode: ks.codeFor(pending) })).toEqual({ ok: true, outcome: "registered" });
    expect(options().multi_factor_auth_rules).toBeUndefined();
    expect(ks.credentials.size).toBe(1);
  });

  it("refuses a wrong code for the new app, and creates nothing", async () => {
    pending = generateSecret();
    const result = await service().activate(alice(), { passcode: "000000" === ks.codeFor(pending) ? "111111" : "000000" });
    expect(result.ok).toBe(false);
    expect(ks.writes).toEqual([]);
  });
});

describe("adding another authenticator", () => {
  let registered: string;
  beforeEach(() => {
    registered = ks.addAuthenticator("alice");
    enforceOnAlice("self");
    pending = generateSecret();
  });

  it("needs a current passcode: without one nothing is created", async () => {
    const result = await service().activate(alice(), { passcode: ks.codeFor(pending!) });
    expect(english(result)).toEqual({ ok: false, error: expect.stringContaining("current passcode") });
    expect(ks.writes).toEqual([]);
    expect(actions()).toEqual(["add authenticator refused"]);
  });

  it("refuses the new app's own code as the current passcode", async () => {
    const code = ks.codeFor(pending!);
    const result = await service().activate(alice(), { passcode: code, currentPasscode: code });
    expect(english(result)).toEqual({ ok: false, error: expect.stringContaining("not correct") });
    expect(ks.writes).toEqual([]);
    expect(actions()).toEqual(["add authenticator failure"]);
  });

  it("adds it with a current passcode from the registered app, and leaves the rules and their record alone", async () => {
    const result = await service().activate(alice(), { passcode: ks.codeFor(pending!), currentPasscode: ks.codeFor(registered) });
    expect(result).toEqual({ ok: true, outcome: "added" });
    expect(ks.credentials.size).toBe(2);
    expect(ks.writes).toEqual(["POST credential alice"]);
    expect(record()).toBe("self");
    expect(actions()).toEqual(["add authenticator success"]);
  });

  it("counts wrong current passcodes against the same limit as the sign-in", async () => {
    const deps = service();
    for (let i = 0; i < 5; i++) await deps.activate(alice(), { passcode: ks.codeFor(pending!), currentPasscode: "999999" === ks.codeFor(registered) ? "888888" : "999999" });
    const blocked = await deps.activate(alice(), { passcode: ks.codeFor(pending!), currentPasscode: ks.codeFor(registered) });
    expect(english(blocked)).toEqual({ ok: false, error: expect.stringContaining("Too many wrong passcodes") });
    expect(ks.credentials.size).toBe(1);
  });
});

describe("turning MFA off", () => {
  let secret: string;
  beforeEach(() => {
    secret = ks.addAuthenticator("alice");
  });

  it("lifts MFA the user turned on: rules, record and authenticators go", async () => {
    enforceOnAlice("self");
    expect(await service().turnOff(alice(), { passcode: ks.codeFor(secret) })).toEqual({ ok: true, outcome: "off" });
    expect(options()).toEqual({});
    expect(record()).toBeNull();
    expect(ks.credentials.size).toBe(0);
    expect(actions()).toEqual(["turn off success"]);
  });

  it.each(["admin", "policy"] as const)("refuses MFA recorded as enforced by %s, before any passcode is checked or anything written", async (by) => {
    enforceOnAlice(by);
    const result = await service().turnOff(alice(), { passcode: ks.codeFor(secret) });
    expect(english(result)).toEqual({ ok: false, error: expect.stringContaining("ask your cloud administrator") });
    expect(ks.writes).toEqual([]);
    expect(options().multi_factor_auth_rules).toEqual([["password", "totp"], ["application_credential"]]);
    expect(actions()).toEqual(["turn off refused"]);
  });

  it("refuses rules set in Keystone directly, or changed there since the user set them", async () => {
    ks.users.get("alice")!.options = { multi_factor_auth_rules: [["password", "totp"]] };
    expect((await service().turnOff(alice(), { passcode: ks.codeFor(secret) })).ok).toBe(false);
    enforceOnAlice("self");
    ks.users.get("alice")!.options.multi_factor_auth_rules = [["password", "totp"], ["totp", "application_credential"]];
    const result = await service().turnOff(alice(), { passcode: ks.codeFor(secret) });
    expect(english(result)).toEqual({ ok: false, error: expect.stringContaining("in Keystone, outside this dashboard") });
    expect(ks.writes).toEqual([]);
  });

  it("refuses a user covered by a group or domain policy, even for MFA they turned on", async () => {
    enforceOnAlice("self");
    ks.groups.set("g1", { id: "g1", name: "ops", domain_id: "default", mfa_required: true, members: new Set(["alice"]) });
    expect(english(await service().turnOff(alice(), { passcode: ks.codeFor(secret) }))).toEqual({ ok: false, error: expect.stringContaining("MFA policy of group ops") });
    ks.groups.clear();
    ks.domains.get("default")!.mfa_required = true;
    expect(english(await service().turnOff(alice(), { passcode: ks.codeFor(secret) }))).toEqual({ ok: false, error: expect.stringContaining("MFA policy of domain Default") });
    expect(ks.writes).toEqual([]);
  });

  it("refuses when whether a policy covers the user cannot be read", async () => {
    enforceOnAlice("self");
    withServiceAccount = false;
    const forbidden = { ...ks.keystone.identity, domain: async () => Promise.reject(new KeystoneError("forbidden", "forbidden", 403)) };
    const deps = service({ keystone: { ...ks.keystone, identity: forbidden } });
    expect(english(await deps.turnOff(alice(), { passcode: ks.codeFor(secret) }))).toEqual({ ok: false, error: expect.stringContaining("could not be checked") });
    expect(ks.writes).toEqual([]);
  });

  it("needs a right passcode", async () => {
    enforceOnAlice("self");
    const wrong = ks.codeFor(secret) === "123456" ? "654321" : "123456";
    expect(english(await service().turnOff(alice(), { passcode: wrong }))).toEqual({ ok: false, error: expect.stringContaining("not correct") });
    expect(ks.writes).toEqual([]);
  });
});

describe("removing an authenticator", () => {
  it("keeps the last one while MFA is on, whoever turned it on", async () => {
    const secret = ks.addAuthenticator("alice");
    enforceOnAlice("admin");
    const id = [...ks.credentials.keys()][0];
    expect(english(await service().remove(alice(), { credentialId: id, passcode: ks.codeFor(secret) }))).toEqual({ ok: false, error: expect.stringContaining("lock you out") });
    expect(ks.writes).toEqual([]);
  });

  it("removes one of two with a current passcode from either", async () => {
    ks.addAuthenticator("alice");
    const other = ks.addAuthenticator("alice");
    enforceOnAlice("admin");
    const first = [...ks.credentials.keys()][0];
    expect(await service().remove(alice(), { credentialId: first, passcode: ks.codeFor(other) })).toEqual({ ok: true, outcome: "removed" });
    expect(ks.writes).toEqual([`DELETE credential alice`]);
    expect(actions()).toEqual(["remove authenticator success"]);
  });

  it("two tabs removing one authenticator each at once: one goes, the last one stays", async () => {
    const one = ks.addAuthenticator("alice");
    const two = ks.addAuthenticator("alice");
    enforceOnAlice("self");
    const [first, second] = [...ks.credentials.keys()];
    const results = await Promise.all([
      service().remove(alice(), { credentialId: first, passcode: ks.codeFor(two) }),
      service().remove(alice(), { credentialId: second, passcode: ks.codeFor(one) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(english(results.find((r) => !r.ok))).toEqual({ ok: false, error: expect.stringContaining("lock you out") });
    expect(ks.writes).toEqual([`DELETE credential alice`]);
  });

  it("refuses another user's authenticator", async () => {
    ks.addUser({ id: "bob", name: "bob" });
    const bobs = ks.addAuthenticator("bob");
    const bobsId = [...ks.credentials.values()].find((c) => c.user_id === "bob")!.id;
    ks.addAuthenticator("alice");
    expect(english(await service().remove(alice(), { credentialId: bobsId, passcode: ks.codeFor(bobs) }))).toEqual({ ok: false, error: "That authenticator does not exist any more." });
    expect(ks.writes).toEqual([]);
  });
});

describe("the Security page's status", () => {
  it("says who enforced MFA and what the user may do, without a secret", async () => {
    const secret = ks.addAuthenticator("alice");
    enforceOnAlice("admin");
    const status = await service().status(alice());
    expect(english(status)).toEqual({
      state: "enforced",
      authenticatorIds: [...ks.credentials.keys()],
      rulesInWords: ["a password and a passcode from an authenticator app", "an application credential"],
      enforcedBy: "An administrator (root) turned on MFA for your account. Only an administrator can turn it off: ask your cloud administrator.",
      turnOff: { allowed: false, reason: expect.stringContaining("ask your cloud administrator") },
      addingNeedsPasscode: true,
      recovery: { offered: true, summary: null },
      applicationCredentials: { accepted: true, words: expect.stringContaining("Application credentials work") },
    });
    expect(JSON.stringify(status)).not.toContain(secret);
  });
});

describe("recovery codes", () => {
  const codesInKeystone = () => [...ks.credentials.values()].filter((c) => c.type === RECOVERY_CREDENTIAL_TYPE);
  const aliceToken = () => alice().keystoneToken;

  it("come with turning MFA on: 10 codes shown once, Keystone keeps their hashes only", async () => {
    pending = generateSecret();
    const result = await service().activate(alice(), { passcode: ks.codeFor(pending) });
    if (!result.ok) throw new Error(english(result.error));
    const codes = result.recoveryCodes!;
    expect(codes).toHaveLength(10);
    const stored = codesInKeystone();
    expect(stored).toHaveLength(1);
    expect(stored[0].user_id).toBe("alice");
    for (const code of codes) expect(stored[0].blob).not.toContain(normalizeRecoveryCode(code));
    expect((await service().status(alice())).recovery).toEqual({ offered: true, summary: { left: 10, total: 10 } });
    expect(await codeStore().redeem(aliceToken(), "alice", normalizeRecoveryCode(codes[4])!)).toEqual({ outcome: "used", left: 9 });
    expect((await service().status(alice())).recovery).toEqual({ offered: true, summary: { left: 9, total: 10 } });
  });

  it("are not offered without a service account, and the page says why", async () => {
    withServiceAccount = false;
    pending = generateSecret();
    expect(await service().activate(alice(), { passcode: ks.codeFor(pending) })).toEqual({ ok: true, outcome: "registered" });
    expect(codesInKeystone()).toEqual([]);
    expect((await service().status(alice())).recovery).toEqual({ offered: false });
    expect(english(await service().regenerateRecoveryCodes(alice(), { passcode: "123456" }))).toEqual({ ok: false, error: english(RECOVERY_NOT_OFFERED) });
  });

  it("do not come again with a second authenticator", async () => {
    const registered = ks.addAuthenticator("alice");
    enforceOnAlice("self");
    pending = generateSecret();
    const result = await service().activate(alice(), { passcode: ks.codeFor(pending), currentPasscode: ks.codeFor(registered) });
    expect(result).toEqual({ ok: true, outcome: "added" });
    expect(codesInKeystone()).toEqual([]);
  });

  it("are regenerated only with a current passcode, and the old set stops working", async () => {
    const secret = ks.addAuthenticator("alice");
    enforceOnAlice("admin");
    const old = await codeStore().replace(aliceToken(), "alice");
    const before = codesInKeystone()[0].blob;
    const wrong = ks.codeFor(secret) === "123456" ? "654321" : "123456";
    expect(english(await service().regenerateRecoveryCodes(alice(), { passcode: wrong }))).toEqual({ ok: false, error: expect.stringContaining("not correct") });
    expect(english(await service().regenerateRecoveryCodes(alice(), {}))).toEqual({ ok: false, error: expect.stringContaining("6-digit passcode") });
    expect(codesInKeystone()[0].blob).toBe(before);
    const result = await service().regenerateRecoveryCodes(alice(), { passcode: ks.codeFor(secret) });
    if (!result.ok) throw new Error(english(result.error));
    expect(result).toMatchObject({ outcome: "codes", recoveryCodes: expect.any(Array) });
    expect(codesInKeystone()).toHaveLength(1);
    expect(await codeStore().redeem(aliceToken(), "alice", normalizeRecoveryCode(old[0])!)).toEqual({ outcome: "wrong" });
    expect(await codeStore().redeem(aliceToken(), "alice", normalizeRecoveryCode(result.recoveryCodes![0])!)).toMatchObject({ outcome: "used" });
    expect(actions()).toEqual(["regenerate recovery codes failure", "regenerate recovery codes failure", "regenerate recovery codes success"]);
  });

  it("are not made for an account without an authenticator", async () => {
    expect(english(await service().regenerateRecoveryCodes(alice(), { passcode: "123456" }))).toEqual({ ok: false, error: expect.stringContaining("set one up first") });
    expect(ks.writes).toEqual([]);
  });

  it("go when the user turns MFA off", async () => {
    const secret = ks.addAuthenticator("alice");
    enforceOnAlice("self");
    await codeStore().replace(aliceToken(), "alice");
    expect(await service().turnOff(alice(), { passcode: ks.codeFor(secret) })).toEqual({ ok: true, outcome: "off" });
    expect(codesInKeystone()).toEqual([]);
    expect(actions()).toEqual(["turn off success", "void recovery codes success"]);
  });
});
