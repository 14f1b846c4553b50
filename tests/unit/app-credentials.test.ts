import { beforeEach, describe, expect, it } from "vitest";
import { adminApplicationCredentials } from "@/lib/app-credentials/admin";
import { parseCreateForm, utcInstant, type CreateForm } from "@/lib/app-credentials/form";
import { applicationCredentials, type ApplicationCredentialDeps } from "@/lib/app-credentials/self-service";
import { recoveryCodes } from "@/lib/mfa/recovery";
import { selfServiceMfa } from "@/lib/mfa/self-service";
import type { AuditEvent } from "@/lib/security/audit";
import { createGuards } from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";
import { createFakeKeystone, type FakeKeystone } from "../support/fake-keystone";
import { english } from "../support/english";

const NOW = new Date("2026-05-01T12:00:00Z");
const form = (over: Partial<CreateForm> = {}): CreateForm => ({ name: "ci", description: "", expires: "", roles: ["member"], unrestricted: false, accessRules: "", ...over });
const parse = (over: Partial<CreateForm> = {}) => parseCreateForm(form(over), { roles: ["member", "reader"], now: NOW });
const errorsOf = (over: Partial<CreateForm>) => {
  const parsed = parse(over);
  return "fieldErrors" in parsed ? parsed.fieldErrors : {};
};

describe("the create form", () => {
  it("becomes what Keystone takes: a trimmed name, UTC with Z, roles by name, access rules", () => {
    expect(parse({ name: "  ci deploy ", description: " nightly ", expires: "2027-01-31T23:30", roles: ["member", "reader", "member"], accessRules: "get compute /v2.1/servers/*\n\n  POST image /v2/images  " })).toEqual({
      credential: {
        name: "ci deploy",
        description: "nightly",
        expires_at: "2027-01-31T23:30:00Z",
        roles: [{ name: "member" }, { name: "reader" }],
        unrestricted: false,
        access_rules: [
          { method: "GET", service: "compute", path: "/v2.1/servers/*" },
          { method: "POST", service: "image", path: "/v2/images" },
        ],
      },
    });
    expect(parse()).toEqual({ credential: { name: "ci", roles: [{ name: "member" }], unrestricted: false } });
  });

  it("refuses an empty name, a name of spaces, a long one and control characters", () => {
    expect(english(errorsOf({ name: "" }).name)).toBe("Enter a name for the application credential.");
    expect(english(errorsOf({ name: "   " }).name)).toBe("Enter a name for the application credential.");
    expect(english(errorsOf({ name: "n".repeat(256) }).name)).toContain("at most 255");
    expect(english(errorsOf({ name: "a\u0000b" }).name)).toContain("control characters");
    expect(english(errorsOf({ description: "d".repeat(256) }).description)).toContain("at most 255");
  });

  it("refuses an expiry in the past, or that is no real date", () => {
    expect(english(errorsOf({ expires: "2026-05-01T11:59" }).expires)).toContain("in the past");
    expect(english(errorsOf({ expires: "2026-05-01T12:00" }).expires)).toContain("in the past");
    expect(english(errorsOf({ expires: "2027-02-30T10:00" }).expires)).toContain("date and a time");
    expect(english(errorsOf({ expires: "tomorrow" }).expires)).toContain("date and a time");
    expect(utcInstant("2027-02-28T10:00:59")?.toISOString()).toBe("2027-02-28T10:00:59.000Z");
    expect(utcInstant("2027-02-28T24:00")).toBeNull();
  });

  it("refuses no role, and any role the user does not have on the project", () => {
    expect(english(errorsOf({ roles: [] }).roles)).toBe("Choose at least one role.");
    expect(english(errorsOf({ roles: ["member", "admin"] }).roles)).toBe("You do not have the role “admin” on this project, so the credential cannot have it.");
  });

  it("refuses access rules Keystone would refuse or answer with a 500", () => {
    for (const line of ["GET compute", "compute GET /x", "FETCH compute /x", "GET com_pute /x", "GET compute x", "GET compute /a b", `GET compute /${"a".repeat(225)}`]) {
      expect(english(errorsOf({ accessRules: line }).accessRules), line).toMatch(/^Access rule 1: write METHOD SERVICE PATH/);
    }
    expect(english(errorsOf({ accessRules: "GET compute /ok\nGET compute" }).accessRules)).toMatch(/^Access rule 2:/);
    expect(english(errorsOf({ accessRules: Array(51).fill("GET compute /x").join("\n") }).accessRules)).toBe("At most 50 access rules.");
  });
});

let ks: FakeKeystone;
let events: AuditEvent[];
let secret: string | null;
/** Delete requests sent to Keystone, refused or not: each would be a write at the counting proxy. */
let deletesSent: number;

const alice = () => ({ id: "alice", name: "alice", keystoneToken: ks.tokenFor("alice"), project: { id: "p1", name: "demo" }, roles: ["member", "reader"] });

function useCases(overrides: Partial<ApplicationCredentialDeps> = {}) {
  const guards = createGuards(createMemoryStore(), "s".repeat(32));
  const mfa = selfServiceMfa({
    keystone: ks.keystone,
    guards,
    pendingSecret: async () => null,
    clearPending: async () => {},
    asServiceAccount: async () => null,
    audit: async () => {},
    recoveryCodes: recoveryCodes({ keystone: ks.keystone, locks: guards, now: () => NOW, sleep: async () => {} }),
    recoveryOffered: false,
    allowApplicationCredentials: true,
    now: () => NOW,
    sleep: async () => {},
  });
  return applicationCredentials({
    keystone: ks.keystone,
    confirmPasscode: mfa.confirmPasscode,
    audit: async (e) => void events.push(e),
    authUrl: "http://keystone.example/v3",
    allowApplicationCredentials: true,
    now: () => NOW,
    ...overrides,
  });
}

beforeEach(() => {
  ks = createFakeKeystone();
  events = [];
  secret = null;
  ks.addUser({ id: "alice", name: "alice" });
  ks.addUser({ id: "bob", name: "bob" });
  deletesSent = 0;
  const api = ks.keystone.applicationCredentials;
  const send = api.delete;
  api.delete = (...args) => {
    deletesSent++;
    return send(...args);
  };
});

describe("creating one", () => {
  it("returns the secret once with the files that hold it, and audits it without the secret", async () => {
    const result = await useCases().create(alice(), form({ name: "ci deploy", expires: "2027-01-01T00:00" }));
    if (!result.ok) throw new Error(english(result.error));
    const { created } = result;
    expect(created.secret).toMatch(/^secret-/);
    expect(created.cloudName).toBe("ci-deploy");
    expect(created.cloudsYaml).toContain(`application_credential_secret: "${created.secret}"`);
    expect(created.openrc).toContain(`export OS_APPLICATION_CREDENTIAL_SECRET='${created.secret}'`);
    expect(ks.writes).toEqual(["POST application credential alice"]);
    expect(events).toEqual([
      { event: "app_credential.change", outcome: "success", userId: "alice", userName: "alice", details: { action: "create", credentialName: "ci deploy", projectId: "p1", unrestricted: false, credentialId: created.id } },
    ]);
    const overview = await useCases().overview(alice());
    expect(overview.credentials).toEqual([expect.objectContaining({ name: "ci deploy", projectName: "demo", expiresAt: "2027-01-01T00:00:00Z", expired: false, roles: ["member"] })]);
    expect(JSON.stringify(overview)).not.toContain(created.secret);
  });

  it("writes nothing for bad input, a name the user already has, or a session without a project", async () => {
    const cases = useCases();
    expect(english(await cases.create(alice(), form({ name: "" })))).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(english(await cases.create(alice(), form({ roles: ["admin"] })))).toMatchObject({ ok: false, fieldErrors: { roles: expect.stringContaining("“admin”") } });
    expect(english(await cases.create(alice(), form({ expires: "2020-01-01T00:00" })))).toMatchObject({ ok: false, fieldErrors: { expires: expect.stringContaining("past") } });
    expect(english(await cases.create({ ...alice(), project: null }, form()))).toMatchObject({ ok: false, error: expect.stringContaining("no project") });
    expect(ks.writes).toEqual([]);
    expect((await cases.create(alice(), form({ name: "once" }))).ok).toBe(true);
    expect(english(await cases.create(alice(), form({ name: "once" })))).toMatchObject({ ok: false, error: "You already have an application credential named “once”: choose another name." });
    expect(ks.writes).toEqual(["POST application credential alice"]);
  });

  it("says what Keystone refused, first line only, when it disagrees after the checks", async () => {
    const cases = useCases({ now: () => new Date("2000-01-01T00:00:00Z") }); // the dashboard's clock behind Keystone's
    expect(english(await cases.create(alice(), form({ expires: "2001-01-01T00:00" })))).toEqual({ ok: false, error: "Keystone refused this: The 'expires_at' must not be before now. Nothing was created." });
  });

  it("takes a current passcode from a user with an authenticator, once, so a stolen session cannot mint a lasting credential", async () => {
    secret = ks.addAuthenticator("alice");
    const cases = useCases();
    expect((await cases.overview(alice())).passcodeRequired).toBe(true);
    expect(english(await cases.create(alice(), form()))).toMatchObject({ ok: false, fieldErrors: { passcode: "Enter the 6-digit passcode from your authenticator app." } });
    const wrong = ks.codeFor(secret) === "000000" ? "111111" : "000000";
    expect(english(await cases.create(alice(), { ...form(), passcode: wrong }))).toMatchObject({ ok: false, error: expect.stringContaining("not correct") });
    expect(ks.writes).toEqual([]);
    expect(events.map((e) => `${e.outcome} ${e.reason}`)).toEqual(["refused passcode refused", "refused passcode refused"]);
    const code = ks.codeFor(secret);
    expect((await cases.create(alice(), { ...form(), passcode: code })).ok).toBe(true);
    expect(english(await cases.create(alice(), { ...form({ name: "again" }), passcode: code }))).toMatchObject({ ok: false, error: expect.stringContaining("already been used") });
    expect(ks.writes).toEqual(["POST application credential alice"]);
  });
});

describe("deleting one", () => {
  it("deletes the user's own, and never sends Keystone one the user does not have", async () => {
    const cases = useCases();
    const mine = await cases.create(alice(), form());
    const bobs = await useCases().create({ ...alice(), id: "bob", name: "bob", keystoneToken: ks.tokenFor("bob") }, form());
    if (!mine.ok || !bobs.ok) throw new Error("setup");
    ks.writes.length = 0;
    expect(english(await cases.remove(alice(), bobs.created.id))).toEqual({ ok: false, error: "That application credential does not exist any more." });
    expect(deletesSent).toBe(0);
    expect(await cases.remove(alice(), mine.created.id)).toEqual({ ok: true, name: "ci" });
    expect(ks.writes).toEqual(["DELETE application credential alice"]);
    expect(events.at(-1)).toMatchObject({ event: "app_credential.change", outcome: "success", details: { action: "delete", credentialId: mine.created.id, credentialName: "ci" } });
  });
});

describe("an administrator", () => {
  it("lists a user's credentials with their project, and deletes one with an audit line", async () => {
    const created = await useCases().create(alice(), form({ unrestricted: true }));
    if (!created.ok) throw new Error(english(created.error));
    const admins = adminApplicationCredentials({ keystone: ks.keystone, audit: async (e) => void events.push(e), now: () => NOW });
    const root = { id: "root", name: "root", keystoneToken: ks.tokenFor("root", true) };
    expect(await admins.list(root, "alice")).toEqual([expect.objectContaining({ name: "ci", projectName: "demo", unrestricted: true, expiresAt: null })]);
    ks.writes.length = 0;
    expect(english(await admins.remove(root, "bob", created.created.id))).toEqual({ error: "That application credential does not exist any more." });
    expect(deletesSent).toBe(0);
    expect(english(await admins.remove(root, "alice", created.created.id))).toEqual({ message: expect.stringContaining("“ci” deleted") });
    expect(ks.writes).toEqual(["DELETE application credential alice"]);
    expect(events.at(-1)).toEqual({
      event: "admin.change",
      outcome: "success",
      userId: "root",
      userName: "root",
      details: { action: "delete application credential", targetId: "alice", targetName: "alice", credentialId: created.created.id, credentialName: "ci" },
    });
    expect(JSON.stringify(events)).not.toContain(created.created.secret);
  });
});

describe("whether they work under the user's MFA", () => {
  it("is said on the page: refused under password + totp alone, working with the application-credential rule", async () => {
    ks.users.get("alice")!.options = { multi_factor_auth_rules: [["password", "totp"]] };
    expect(english((await useCases().overview(alice())).access)).toMatchObject({ accepted: false, words: expect.stringContaining("Keystone refuses your application credentials") });
    ks.users.get("alice")!.options = { multi_factor_auth_rules: [["password", "totp"], ["application_credential"]] };
    expect((await useCases().overview(alice())).access.accepted).toBe(true);
  });
});
