import { generateSecret, generateSync, verifySync } from "otplib";
import { KeystoneError, MfaRequiredError, type ApplicationCredential, type Credential, type Domain, type Group, type Keystone, type NewApplicationCredential, type User } from "@/lib/keystone";

/**
 * An in-memory stand-in for the parts of Keystone the MFA use cases call, for unit tests only (the
 * e2e specs use the real Keystone). It keeps Keystone's behaviour where the rules depend on it:
 * options merge and a null option is deleted, only an admin token may update a user, a user reaches
 * only their own credentials, every totp credential is tried, and a user with rules gets a receipt;
 * application credentials: owner-only creation, unique names per user, no expiry in the past.
 */
export interface FakeKeystone {
  keystone: Keystone;
  users: Map<string, User>;
  credentials: Map<string, Credential>;
  applicationCredentials: Map<string, ApplicationCredential & { secret: string }>;
  groups: Map<string, Group & { members: Set<string> }>;
  domains: Map<string, Domain>;
  /** Every call that changed something, as "PATCH user u1", "POST credential u1", ... */
  writes: string[];
  /** A token for a user; `admin` tokens may change any user. */
  tokenFor(userId: string, admin?: boolean): string;
  addUser(user: Partial<User> & { id: string; name: string }): User;
  /** Registers an authenticator for a user and returns its secret. */
  addAuthenticator(userId: string): string;
  /** The code an app with this secret shows now. */
  codeFor(secret: string): string;
  passwords: Map<string, string>;
}

export function createFakeKeystone(): FakeKeystone {
  const users = new Map<string, User>();
  const credentials = new Map<string, Credential>();
  const applicationCredentials = new Map<string, ApplicationCredential & { secret: string }>();
  const groups = new Map<string, Group & { members: Set<string> }>();
  const domains = new Map<string, Domain>([["default", { id: "default", name: "Default", enabled: true }]]);
  const tokens = new Map<string, { userId: string; admin: boolean }>();
  const passwords = new Map<string, string>();
  const writes: string[] = [];
  let next = 0;
  const id = (prefix: string) => `${prefix}${(next++).toString(16).padStart(6, "0")}`;

  const caller = (token: string) => {
    const t = tokens.get(token);
    if (!t) throw new KeystoneError("unauthorized", "The request you have made requires authentication.", 401);
    return t;
  };
  const user = (userId: string) => {
    const u = users.get(userId);
    if (!u) throw new KeystoneError("not_found", `Could not find user: ${userId}.`, 404);
    return u;
  };
  const ownOrAdmin = (token: string, userId: string) => {
    const t = caller(token);
    if (!t.admin && t.userId !== userId) throw new KeystoneError("forbidden", "You are not authorized to perform the requested action.", 403);
  };
  const tokenFor = (userId: string, admin = false) => {
    const token = id("tok");
    tokens.set(token, { userId, admin });
    return token;
  };
  const issued = (userId: string) => {
    const u = user(userId);
    const info = { methods: ["totp"], user: { id: u.id, name: u.name, domain: { id: u.domain_id, name: domains.get(u.domain_id)!.name } }, expires_at: "2999-01-01T00:00:00Z", issued_at: "", audit_ids: [] };
    return { token: tokenFor(userId), info };
  };
  const hasRules = (u: User) => u.options.multi_factor_auth_enabled !== false && (u.options.multi_factor_auth_rules ?? []).length > 0;

  const keystone = {
    auth: {
      async totp({ userId, passcode }: { userId: string; passcode: string }) {
        const u = users.get(userId);
        const secrets = [...credentials.values()].filter((c) => c.user_id === userId && c.type === "totp").map((c) => c.blob);
        const ok = u && secrets.some((secret) => verifySync({ secret, token: passcode, epochTolerance: [30, 0] }).valid);
        if (!ok) throw new KeystoneError("bad_credentials", "The request you have made requires authentication.", 401);
        if (hasRules(u)) {
          const domain = { id: u.domain_id, name: domains.get(u.domain_id)!.name };
          throw new MfaRequiredError({ receipt: "r", user: { id: u.id, name: u.name, domain }, methodsDone: ["totp"], expiresAt: "", requiredMethods: u.options.multi_factor_auth_rules! });
        }
        return issued(userId);
      },
      async revoke(token: string) {
        tokens.delete(token);
      },
      async projects(token: string) {
        caller(token);
        return [{ id: "p1", name: "demo", domain_id: "default", enabled: true }];
      },
    },
    applicationCredentials: {
      async list(token: string, userId: string) {
        ownOrAdmin(token, userId);
        return [...applicationCredentials.values()].filter((c) => c.user_id === userId).map(({ secret: _, ...c }) => structuredClone(c));
      },
      async create(token: string, userId: string, body: NewApplicationCredential) {
        if (caller(token).userId !== userId) throw new KeystoneError("forbidden", "You are not authorized to perform the requested action: identity:create_application_credential.", 403);
        if ([...applicationCredentials.values()].some((c) => c.user_id === userId && c.name === body.name)) {
          throw new KeystoneError("conflict", `Conflict occurred attempting to store application_credential - Duplicate entry found with name ${body.name}.`, 409);
        }
        if (body.expires_at && Date.parse(body.expires_at) <= Date.now()) throw new KeystoneError("validation", "The 'expires_at' must not be before now.", 400);
        const credential = {
          id: id("ac").padEnd(32, "0"),
          name: body.name,
          description: body.description ?? null,
          user_id: userId,
          project_id: "p1",
          expires_at: body.expires_at ? body.expires_at.replace("Z", ".000000") : null,
          unrestricted: body.unrestricted || null,
          roles: body.roles.map((r) => ({ id: `role-${r.name}`, name: r.name })),
          ...(body.access_rules ? { access_rules: body.access_rules.map((r) => ({ ...r, id: id("ar") })) } : {}),
          secret: `secret-${id("s")}`,
        };
        applicationCredentials.set(credential.id, credential);
        writes.push(`POST application credential ${userId}`);
        return structuredClone(credential);
      },
      async delete(token: string, userId: string, credentialId: string) {
        const c = applicationCredentials.get(credentialId);
        if (!c || c.user_id !== userId) throw new KeystoneError("not_found", `Could not find Application Credential: ${credentialId}.`, 404);
        ownOrAdmin(token, c.user_id);
        applicationCredentials.delete(credentialId);
        writes.push(`DELETE application credential ${userId}`);
      },
    },
    users: {
      async get(token: string, userId: string) {
        ownOrAdmin(token, userId);
        return structuredClone(user(userId));
      },
      async update(token: string, userId: string, changes: Record<string, unknown>) {
        if (!caller(token).admin) throw new KeystoneError("forbidden", "You are not authorized to perform the requested action.", 403);
        const u = user(userId);
        const { options, ...rest } = changes as { options?: Record<string, unknown> };
        for (const [name, value] of Object.entries(options ?? {})) {
          if (value === null) delete u.options[name];
          else u.options[name] = value;
        }
        Object.assign(u, structuredClone(rest));
        writes.push(`PATCH user ${userId}`);
        return structuredClone(u);
      },
      async changePassword(userId: string, original: string, password: string) {
        if (passwords.get(userId) !== original) throw new KeystoneError("bad_credentials", "The request you have made requires authentication.", 401);
        passwords.set(userId, password);
        writes.push(`POST password ${userId}`);
      },
    },
    credentials: {
      async list(token: string, userId: string, type = "totp") {
        ownOrAdmin(token, userId);
        return [...credentials.values()].filter((c) => c.user_id === userId && c.type === type).map((c) => ({ ...c }));
      },
      async listAll(token: string, type = "totp") {
        if (!caller(token).admin) throw new KeystoneError("forbidden", "forbidden", 403);
        return [...credentials.values()].filter((c) => c.type === type).map((c) => ({ ...c }));
      },
      async create(token: string, userId: string, type: string, blob: string) {
        ownOrAdmin(token, userId);
        const credential = { id: id("c"), type, user_id: userId, blob };
        credentials.set(credential.id, credential);
        writes.push(`POST credential ${userId}`);
        return { ...credential };
      },
      async update(token: string, credentialId: string, blob: string) {
        const c = credentials.get(credentialId);
        if (!c) throw new KeystoneError("not_found", "Could not find credential.", 404);
        ownOrAdmin(token, c.user_id);
        c.blob = blob;
        writes.push(`PATCH credential ${c.user_id}`);
        return { ...c };
      },
      async delete(token: string, credentialId: string) {
        const c = credentials.get(credentialId);
        if (!c) throw new KeystoneError("not_found", "Could not find credential.", 404);
        ownOrAdmin(token, c.user_id);
        credentials.delete(credentialId);
        writes.push(`DELETE credential ${c.user_id}`);
      },
    },
    identity: {
      async project(token: string, projectId: string) {
        caller(token);
        if (projectId !== "p1") throw new KeystoneError("not_found", `Could not find project: ${projectId}.`, 404);
        return { id: "p1", name: "demo", domain_id: "default", enabled: true };
      },
      async userGroups(token: string, userId: string) {
        ownOrAdmin(token, userId);
        return [...groups.values()].filter((g) => g.members.has(userId)).map(({ members: _, ...g }) => g);
      },
      async domain(token: string, domainId: string) {
        caller(token);
        const d = domains.get(domainId);
        if (!d) throw new KeystoneError("not_found", "Could not find domain.", 404);
        return { ...d };
      },
      async domains(token: string) {
        caller(token);
        return [...domains.values()];
      },
      async groups(token: string) {
        caller(token);
        return [...groups.values()].map(({ members: _, ...g }) => g);
      },
      async group(token: string, groupId: string) {
        caller(token);
        const { members: _, ...g } = groups.get(groupId)!;
        return g;
      },
      async groupMembers(token: string, groupId: string) {
        caller(token);
        return [...groups.get(groupId)!.members].map((m) => structuredClone(user(m)));
      },
      async users(token: string, query: Record<string, string> = {}) {
        caller(token);
        return [...users.values()].filter((u) => !query.domain_id || u.domain_id === query.domain_id).map((u) => structuredClone(u));
      },
      async setGroupMfaRequired(token: string, groupId: string, required: boolean) {
        if (!caller(token).admin) throw new KeystoneError("forbidden", "forbidden", 403);
        groups.get(groupId)!.mfa_required = required || null;
        writes.push(`PATCH group ${groupId}`);
      },
      async setDomainMfaRequired(token: string, domainId: string, required: boolean) {
        if (!caller(token).admin) throw new KeystoneError("forbidden", "forbidden", 403);
        domains.get(domainId)!.mfa_required = required || null;
        writes.push(`PATCH domain ${domainId}`);
      },
    },
  };

  return {
    keystone: keystone as unknown as Keystone,
    users,
    credentials,
    applicationCredentials,
    groups,
    domains,
    writes,
    passwords,
    tokenFor,
    addUser(partial) {
      const u: User = { domain_id: "default", enabled: true, options: {}, ...partial };
      users.set(u.id, u);
      return u;
    },
    addAuthenticator(userId) {
      const secret = generateSecret();
      const credentialId = id("c");
      credentials.set(credentialId, { id: credentialId, type: "totp", user_id: userId, blob: secret });
      return secret;
    },
    codeFor: (secret) => generateSync({ secret }),
  };
}
