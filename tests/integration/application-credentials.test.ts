import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeystoneError, type CreatedApplicationCredential } from "@/lib/keystone";
import { adminToken, keystone, seed } from "../support/keystone";
import { createTestUser, type TestUser } from "../support/users";

/*
 * Keystone 22's application-credential API, as the dashboard relies on it: what it accepts and
 * refuses, and what a token obtained through an application credential may do.
 */

let user: TestUser;
let token: string;
const api = keystone.applicationCredentials;
let n = 0;
const create = (extra: Partial<Parameters<typeof api.create>[2]> = {}) => api.create(token, user.id, { name: `c${n++}`, roles: [], unrestricted: false, ...extra });

/** Signs in with an application credential: the token and what Keystone said, or the status and receipt. */
async function signInWith(credential: { id: string; secret: string }) {
  const response = await fetch(`${seed.keystoneUrl}/auth/tokens?nocatalog`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ auth: { identity: { methods: ["application_credential"], application_credential: credential } } }),
  });
  const body = await response.json();
  return { status: response.status, token: response.headers.get("x-subject-token"), receipt: response.headers.get("openstack-auth-receipt"), body };
}

async function kindOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(KeystoneError);
  return { kind: (error as KeystoneError).kind, message: (error as KeystoneError).message };
}

const request = (method: string, path: string, as: string, body?: unknown) =>
  fetch(`${seed.keystoneUrl}${path}`, { method, headers: { "X-Auth-Token": as, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  user = await createTestUser();
  token = (await keystone.auth.password({ username: user.name, password: user.password, domain: "Default" }, { project: { id: seed.projects.demo } })).token;
});
afterAll(async () => {
  await user.remove();
});

describe("creating one", () => {
  it("returns the secret once, with the roles of the creating token when none are named", async () => {
    const created = await create();
    expect(created.secret.length).toBeGreaterThan(40);
    expect(created.project_id).toBe(seed.projects.demo);
    expect(created.roles.map((r) => r.name).sort()).toEqual(["member", "reader"]); // reader is implied by member
    const listed = (await api.list(token, user.id)).find((c) => c.id === created.id);
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it("takes a subset of the user's roles on the project, implied ones included, and refuses any other", async () => {
    expect((await create({ roles: [{ name: "reader" }] })).roles.map((r) => r.name)).toEqual(["reader"]);
    expect(await kindOf(create({ roles: [{ name: "admin" }] }))).toEqual({ kind: "validation", message: "Invalid application credential: Cannot create an application credential with unassigned role" });
    expect((await kindOf(create({ roles: [{ name: "no-such-role" }] }))).kind).toBe("not_found");
  });

  it("takes an expiry in UTC with Z, refuses one in the past and any other offset", async () => {
    const created = await create({ expires_at: "2030-01-01T00:00:00Z" });
    expect(created.expires_at).toBe("2030-01-01T00:00:00.000000");
    expect(await kindOf(create({ expires_at: "2001-01-01T00:00:00Z" }))).toMatchObject({ kind: "validation", message: expect.stringContaining("must not be before now") });
    expect(await kindOf(create({ expires_at: "2030-01-01T00:00:00+02:00" }))).toMatchObject({ kind: "validation", message: expect.stringContaining("Timestamp not in expected format") });
    expect(await kindOf(create({ expires_at: "2030-01-01" }))).toMatchObject({ kind: "validation" });
  });

  it("refuses a name the user already has, in any project, and a name of spaces", async () => {
    await create({ name: "twice" });
    expect(await kindOf(create({ name: "twice" }))).toMatchObject({ kind: "conflict", message: expect.stringContaining("Duplicate entry found with name twice") });
    expect(await kindOf(create({ name: "   " }))).toMatchObject({ kind: "validation" });
  });

  it("keeps access rules, and answers 500 to a rule without a method or a service (so the dashboard checks them first)", async () => {
    const rule = { service: "compute", method: "GET" as const, path: "/v2.1/servers" };
    const created = await create({ access_rules: [rule] });
    expect(created.access_rules).toEqual([expect.objectContaining(rule)]);
    const noMethod = await request("POST", `/users/${user.id}/application_credentials`, token, { application_credential: { name: "bad-rule", access_rules: [{ service: "compute", path: "/x" }] } });
    expect(noMethod.status).toBe(500);
  });

  it("is refused to anyone but the owner, an administrator included", async () => {
    const admin = await adminToken();
    expect((await kindOf(api.create(admin, user.id, { name: "by-admin", roles: [], unrestricted: false }))).kind).toBe("forbidden");
  });
});

describe("a token obtained through one", () => {
  let restricted: CreatedApplicationCredential;
  let unrestricted: CreatedApplicationCredential;
  beforeAll(async () => {
    restricted = await create();
    unrestricted = await create({ unrestricted: true });
  });

  it("is scoped to the credential's project and carries only the application_credential method", async () => {
    const signedIn = await signInWith(restricted);
    expect(signedIn.status).toBe(201);
    expect(signedIn.body.token.methods).toEqual(["application_credential"]);
    expect(signedIn.body.token.project.id).toBe(seed.projects.demo);
  });

  it("may neither make nor delete application credentials, nor make another token, unless unrestricted", async () => {
    const { token: delegated } = await signInWith(restricted);
    expect((await kindOf(api.create(delegated!, user.id, { name: "child", roles: [], unrestricted: false }))).message).toContain("not allowed for managing additional application credentials");
    expect((await kindOf(api.delete(delegated!, user.id, unrestricted.id))).kind).toBe("forbidden");
    const rescope = await fetch(`${seed.keystoneUrl}/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ auth: { identity: { methods: ["token"], token: { id: delegated } }, scope: { project: { id: seed.projects.demo } } } }),
    });
    expect(rescope.status).toBe(403);
    const { token: free } = await signInWith(unrestricted);
    const child = await api.create(free!, user.id, { name: "child-of-unrestricted", roles: [], unrestricted: false });
    expect(child.secret).toBeTruthy();
  });

  it("stops working when the credential is deleted", async () => {
    const doomed = await create();
    const { token: issued } = await signInWith(doomed);
    await api.delete(token, user.id, doomed.id);
    expect((await kindOf(keystone.auth.validate(issued!))).kind).toBe("not_found");
    // Not a 401: Keystone says the credential does not exist, as for an id it never had.
    expect((await signInWith(doomed)).status).toBe(404);
    expect((await signInWith({ id: "0".repeat(32), secret: "x" })).status).toBe(404);
  });
});

describe("under MFA rules", () => {
  it("gets a receipt and no token while every rule needs more; a token with the rule application_credential alone", async () => {
    const credential = await create();
    const rules = async (multi_factor_auth_rules: string[][]) =>
      keystone.users.update(await adminToken(), user.id, { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules } });
    try {
      await rules([["password", "totp"]]);
      const refused = await signInWith(credential);
      expect(refused.status).toBe(401);
      expect(refused.receipt).toBeTruthy();
      expect(refused.body.required_auth_methods).toEqual([]);
      await rules([["password", "totp"], ["application_credential"]]);
      expect((await signInWith(credential)).status).toBe(201);
    } finally {
      await keystone.users.update(await adminToken(), user.id, { options: { multi_factor_auth_enabled: null, multi_factor_auth_rules: null } });
    }
  });
});

describe("another user and an administrator", () => {
  it("another user may not list or delete them; an administrator may, and a second delete is a 404", async () => {
    const credential = await create();
    const other = await createTestUser();
    try {
      const otherToken = (await keystone.auth.password({ username: other.name, password: other.password, domain: "Default" })).token;
      expect((await kindOf(api.list(otherToken, user.id))).kind).toBe("forbidden");
      expect((await kindOf(api.delete(otherToken, user.id, credential.id))).kind).toBe("forbidden");
      // Through their own path too: Keystone checks the credential's owner, not the path.
      expect((await kindOf(api.delete(otherToken, other.id, credential.id))).kind).toBe("forbidden");
      const admin = await adminToken();
      expect((await api.list(admin, user.id)).map((c) => c.id)).toContain(credential.id);
      await api.delete(admin, user.id, credential.id);
      expect((await kindOf(api.delete(admin, user.id, credential.id))).kind).toBe("not_found");
    } finally {
      await other.remove();
    }
  });
});
