import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeystone, KeystoneError, MfaRequiredError } from "@/lib/keystone";
import { adminToken, keystone, passcodeFor, seed } from "../support/keystone";

const { admin, member, mfa } = seed.users;
const login = (u: typeof member, password = u.password) => ({ username: u.name, password, domain: u.domain });

async function expectKind(promise: Promise<unknown>, kind: KeystoneError["kind"]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeystoneError);
  expect((error as KeystoneError).kind).toBe(kind);
  return error as KeystoneError;
}

describe("auth", () => {
  it("issues a token for a password, scoped to the default project", async () => {
    const { token, info } = await keystone.auth.password(login(member));
    expect(token.length).toBeGreaterThan(100);
    expect(info.user.id).toBe(member.id);
    expect(info.methods).toEqual(["password"]);
    expect(info.project?.id).toBe(seed.projects.demo);
    expect(info.roles?.map((r) => r.name)).toContain("member");
  });

  it("scopes to a project on request", async () => {
    const { info } = await keystone.auth.password(login(member), { project: { id: seed.projects.web } });
    expect(info.project?.name).toBe("web");
  });

  it("answers a wrong password and an unknown user alike", async () => {
    const wrong = await expectKind(keystone.auth.password(login(member, "not-the-password")), "bad_credentials");
    const unknown = await expectKind(
      keystone.auth.password({ username: "nobody-here", password: "x", domain: "Default" }),
      "bad_credentials",
    );
    expect(wrong.message).toBe(unknown.message);
  });

  it("returns the receipt and the missing methods for a user with MFA rules", async () => {
    const error = await keystone.auth.password(login(mfa)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaRequiredError);
    const { details, missingMethods } = error as MfaRequiredError;
    expect(details.receipt.length).toBeGreaterThan(50);
    expect(details.user.id).toBe(mfa.id);
    expect(details.methodsDone).toEqual(["password"]);
    expect(Date.parse(details.expiresAt)).toBeGreaterThan(Date.now());
    expect(missingMethods).toEqual([["totp"]]);
  });

  it("completes a receipt with a TOTP passcode, and refuses a wrong one", async () => {
    const { details } = (await keystone.auth.password(login(mfa)).catch((e: unknown) => e)) as MfaRequiredError;
    await expectKind(keystone.auth.totp({ receipt: details.receipt, userId: mfa.id, passcode: "000000" }), "bad_credentials");
    const { info } = await keystone.auth.totp({
      receipt: details.receipt,
      userId: mfa.id,
      passcode: await passcodeFor(mfa.totpSecret!),
      scope: { project: { id: seed.projects.demo } },
    });
    expect([...info.methods].sort()).toEqual(["password", "totp"]);
    expect(info.project?.id).toBe(seed.projects.demo);
  });

  it("rescopes with the token method and keeps the original methods", async () => {
    const { details } = (await keystone.auth.password(login(mfa)).catch((e: unknown) => e)) as MfaRequiredError;
    const first = await keystone.auth.totp({ receipt: details.receipt, userId: mfa.id, passcode: await passcodeFor(mfa.totpSecret!) });
    const projects = await keystone.auth.projects(first.token);
    expect(projects.map((p) => p.id)).toContain(seed.projects.demo);
    const rescoped = await keystone.auth.rescope(first.token, { project: { id: seed.projects.demo } });
    // Keystone adds "token" to the methods that proved the identity; no new passcode is needed.
    expect([...rescoped.info.methods].sort()).toEqual(["password", "token", "totp"]);
  });

  // So the dashboard revokes each token it replaces: none outlives the session.
  it("revokes tokens one by one: a rescoping chain is not revoked together", async () => {
    const first = await keystone.auth.password(login(member));
    const rescoped = await keystone.auth.rescope(first.token, { project: { id: seed.projects.web } });
    await keystone.auth.revoke(rescoped.token);
    await expectKind(keystone.auth.validate(rescoped.token), "unauthorized");
    const parent = await keystone.auth.validate(first.token).then(() => "valid", () => "revoked");
    const child = await keystone.auth.rescope(first.token, { project: { id: seed.projects.demo } });
    await keystone.auth.revoke(first.token);
    const childAfterParent = await keystone.auth.validate(child.token).then(() => "valid", () => "revoked");
    expect({ parent, childAfterParent }).toEqual({ parent: "valid", childAfterParent: "valid" });
  });

  it("validates a token, and after revoking it reports it unauthorized", async () => {
    const { token } = await keystone.auth.password(login(member));
    expect((await keystone.auth.validate(token)).user.id).toBe(member.id);
    await keystone.auth.revoke(token);
    await expectKind(keystone.auth.validate(token), "unauthorized");
  });

  it("lists the projects a token's user can use", async () => {
    const { token } = await keystone.auth.password(login(member));
    const names = (await keystone.auth.projects(token)).map((p) => p.name).sort();
    expect(names).toEqual(["demo", "web"]);
  });
});

describe("users", () => {
  it("lets a user read their own record, options included", async () => {
    const { token } = await keystone.auth.password(login(admin));
    const self = await keystone.users.get(token, admin.id);
    expect(self.name).toBe(admin.name);
    expect(self.options).toBeTypeOf("object");
  });

  it("lists a user's projects and, for an admin, their role assignments", async () => {
    const { token } = await keystone.auth.password(login(admin));
    const projects = (await keystone.users.projects(token, member.id)).map((p) => p.name).sort();
    expect(projects).toEqual(["demo", "web"]);
    const assignments = await keystone.users.roleAssignments(token, member.id);
    const onDemo = assignments.filter((a) => a.scope.project?.id === seed.projects.demo).map((a) => a.role.name);
    expect(onDemo).toContain("member");
  });

  it("refuses another user's record to a member", async () => {
    const { token } = await keystone.auth.password(login(member));
    await expectKind(keystone.users.get(token, admin.id), "forbidden");
  });

  describe("a throwaway user", () => {
    let token: string;
    let userId: string;
    const password = "Initial-password-1";

    beforeAll(async () => {
      token = await adminToken();
      const user = await keystone.users.create(token, {
        name: `it-user-${Date.now()}`,
        domain_id: seed.domains.Default,
        password,
      });
      userId = user.id;
    });
    afterAll(async () => {
      await keystone.users.delete(token, userId);
    });

    it("merges option updates and deletes an option set to null", async () => {
      const set = await keystone.users.update(token, userId, { options: { multi_factor_auth_enabled: false } });
      expect(set.options.multi_factor_auth_enabled).toBe(false);
      const cleared = await keystone.users.update(token, userId, { options: { multi_factor_auth_enabled: null } });
      expect(cleared.options.multi_factor_auth_enabled).toBeUndefined();
    });

    it("maps a duplicate name to conflict and a bad body to validation", async () => {
      const me = await keystone.users.get(token, userId);
      await expectKind(keystone.users.create(token, { name: me.name, domain_id: seed.domains.Default }), "conflict");
      await expectKind(
        keystone.users.update(token, userId, { options: { multi_factor_auth_rules: [["password", "password"]] } }),
        "validation",
      );
    });

    it("lets the user keep a credential of the dashboard's own type, replace its blob and delete it, with their own token", async () => {
      const me = await keystone.users.get(token, userId);
      const own = (await keystone.auth.password({ username: me.name, password, domain: "Default" })).token;
      const created = await keystone.credentials.create(own, userId, "dashboard-recovery", '{"v":1}');
      expect(created.type).toBe("dashboard-recovery");
      const updated = await keystone.credentials.update(own, created.id, '{"v":2}');
      expect(updated).toMatchObject({ id: created.id, type: "dashboard-recovery", user_id: userId, blob: '{"v":2}' });
      // Listed by type: a TOTP listing never sees it.
      expect((await keystone.credentials.list(own, userId, "dashboard-recovery")).map((c) => c.blob)).toEqual(['{"v":2}']);
      expect(await keystone.credentials.list(own, userId, "totp")).toEqual([]);
      await keystone.credentials.delete(own, created.id);
      expect(await keystone.credentials.list(own, userId, "dashboard-recovery")).toEqual([]);
    });

    it("changes a password without a token, refusing a wrong original", async () => {
      const me = await keystone.users.get(token, userId);
      await expectKind(keystone.users.changePassword(userId, "wrong-original", "Another-password-2"), "bad_credentials");
      await keystone.users.changePassword(userId, password, "Another-password-2");
      const { info } = await keystone.auth.password({ username: me.name, password: "Another-password-2", domain: "Default" });
      expect(info.user.id).toBe(userId);
    });

    it("returns not_found for a user that does not exist", async () => {
      await expectKind(keystone.users.get(token, "0".repeat(32)), "not_found");
    });
  });
});

describe("an unreachable Keystone", () => {
  let silent: Server;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts connections and never answers: a Keystone that hangs.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((done) => silent.close(() => done()));
  });

  it("reports a refused connection as unavailable", async () => {
    const closed = createKeystone({ url: "http://127.0.0.1:1/v3", timeoutMs: 2000 });
    // No status: Keystone never saw the request (the sign-in steps give such an attempt back).
    expect((await expectKind(closed.auth.password(login(member)), "unavailable")).status).toBeUndefined();
  });

  it("gives up after the timeout", async () => {
    const hanging = createKeystone({ url: `http://127.0.0.1:${port}/v3`, timeoutMs: 300 });
    const error = await expectKind(hanging.auth.password(login(member)), "unavailable");
    expect(error.message).toContain("300 ms");
    expect(error.status).toBe(504); // Keystone may have acted on it
  });
});
