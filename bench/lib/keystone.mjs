// The bench's own Keystone (keystonectl instance in .keystone-bench, port 5950; KEYSTONE_HOME,
// KEYSTONE_PORT, KEYSTONE_WORKERS, KEYSTONE_DB=mariadb and KEYSTONE_CACHE=redis pass through) and a
// small admin client.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { generateSecret } from "otplib";
import { repo } from "./dashboard.mjs";

// Read when used, so a bench may set its defaults (KEYSTONE_WORKERS, KEYSTONE_DB...) first.
const envOf = () => ({
  ...process.env,
  KEYSTONE_HOME: process.env.KEYSTONE_HOME ?? `${repo}/.keystone-bench`,
  KEYSTONE_PORT: process.env.KEYSTONE_PORT ?? "5950",
});
/** How the bench's Keystone runs, for the figures: "mariadb, 4 gunicorn workers, cache: none" (read from the running instance). */
export function keystoneConditions() {
  const read = (file) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return "";
    }
  };
  const home = envOf().KEYSTONE_HOME;
  const db = read(`${home}/db`).trim() || "sqlite";
  const cache = read(`${home}/cache`).trim() || "none";
  const cmdline = read(`/proc/${read(`${home}/keystone.pid`).trim()}/cmdline`).split("\0");
  const workers = cmdline[cmdline.indexOf("--workers") + 1] ?? "?";
  return `${db}, ${workers} gunicorn workers, cache: ${cache}`;
}
const ctl = (cmd) => execFileSync(`${repo}/scripts/keystone/keystonectl`, [cmd], { env: envOf(), encoding: "utf8" });

/** keystonectl seed (it starts the instance first; both idempotent). Returns seed.json. */
export function startKeystone() {
  try {
    ctl("seed"); // its output lists passwords: kept quiet unless it fails
  } catch (e) {
    process.stderr.write(`${e.stdout ?? ""}${e.stderr ?? ""}`);
    throw new Error("keystonectl seed failed");
  }
  return JSON.parse(readFileSync(`${envOf().KEYSTONE_HOME}/seed.json`, "utf8"));
}

export const stopKeystone = () => process.stdout.write(ctl("down"));

/** The body of POST /auth/tokens with a password, as the dashboard sends it (user name, Default domain). */
export const passwordAuth = (name, password) => ({
  auth: { identity: { methods: ["password"], password: { user: { name, password, domain: { name: "Default" } } } } },
});

/** fetch against Keystone with a JSON body; throws unless the status is one of `ok`. */
export async function ks(url, method, path, { body, token, headers = {}, ok = [200, 201, 204] } = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { "Content-Type": "application/json", ...(token && { "X-Auth-Token": token }), ...headers },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/** Admin API as the bootstrap admin (seed users.superuser, project admin). */
export async function adminClient(seed) {
  const { keystoneUrl: url, users, projects } = seed;
  const auth = await ks(url, "POST", "/auth/tokens?nocatalog", {
    body: {
      auth: {
        identity: { methods: ["password"], password: { user: { id: users.superuser.id, password: users.superuser.password } } },
        scope: { project: { id: projects.admin } },
      },
    },
  });
  const token = auth.headers.get("x-subject-token");
  const api = (method, path, body) => ks(url, method, path, { body, token });
  const [member] = (await api("GET", "/roles?name=member")).json.roles;

  return {
    token,
    /** Any admin call: api(method, path, body) -> { status, headers, json }; throws on a non-2xx. */
    api,
    /** A user like bob: password + TOTP rules, default project demo with role member. */
    async createMfaUser(name) {
      const password = `pw-${crypto.randomUUID()}`;
      const { user } = (await api("POST", "/users", {
        user: { name, password, domain_id: seed.domains.Default, default_project_id: projects.demo },
      })).json;
      await api("PUT", `/projects/${projects.demo}/users/${user.id}/roles/${member.id}`);
      const totpSecret = generateSecret();
      await api("POST", "/credentials", { credential: { type: "totp", user_id: user.id, blob: totpSecret } });
      await api("PATCH", `/users/${user.id}`, {
        user: { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [["password", "totp"]] } },
      });
      return { id: user.id, name, password, totpSecret };
    },
    deleteUser: (id) => api("DELETE", `/users/${id}`),
    /** Users left behind by an interrupted run. */
    async usersNamed(prefix) {
      return (await api("GET", `/users?name__startswith=${encodeURIComponent(prefix)}`)).json.users;
    },
  };
}

/**
 * The list a bench puts the users it creates under `prefix` in: those an interrupted run left are
 * deleted first, these at the end (`later`: the cleanup registrar of run()).
 */
export async function benchUsers(admin, prefix, later) {
  for (const old of await admin.usersNamed(prefix)) await admin.deleteUser(old.id);
  const users = [];
  later(async () => {
    for (const u of users) await admin.deleteUser(u.id);
    console.log(`deleted ${users.length} bench users`);
  });
  return users;
}
