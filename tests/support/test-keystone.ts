import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The shape `scripts/keystone/keystonectl seed` writes to seed.json. */
export interface SeedUser {
  id: string;
  name: string;
  password: string;
  domain: string;
  totpSecret?: string;
}

export interface Seed {
  keystoneUrl: string;
  domains: Record<string, string>;
  projects: Record<string, string>;
  groups: Record<string, string>;
  users: Record<"superuser" | "admin" | "member" | "mfa" | "research" | "service", SeedUser>;
}

export interface TestKeystone {
  home: string;
  port: string;
  env: Record<string, string>;
}

const repo = resolve(__dirname, "../..");
const ctl = join(repo, "scripts/keystone/keystonectl");

/**
 * How every test Keystone is created (keystonectl's settings):
 * - cheap password hashes (bcrypt cost 4, not 12): the suite creates and signs in hundreds of users;
 * - Keystone's cache on, in a Redis of the instance's own, as production Keystones run: uncached,
 *   each token validation costs Keystone about 0.13 s of CPU here (some 47 SQL queries), and
 *   Keystone was most of the e2e suite's CPU.
 */
const testSettings = { KEYSTONE_PASSWORD_HASH_ROUNDS: "4", KEYSTONE_CACHE: "redis" };

/**
 * The Keystones of e2e stack N (one stack per Playwright worker, so that no two workers write to
 * one SQLite database: Keystone answers "database is locked" to concurrent writes). Stack 0 is also
 * the one the unit and integration tests use: TEST_KEYSTONE_HOME on TEST_KEYSTONE_PORT. Stack N
 * adds "-(N+1)" to the directory and 2N to the ports.
 */
export function testKeystonesOf(stack: number): { main: TestKeystone; short: TestKeystone } {
  const first = resolve(repo, process.env.TEST_KEYSTONE_HOME ?? ".keystone-test");
  const home = stack === 0 ? first : `${first}-${stack + 1}`;
  const port = Number(process.env.TEST_KEYSTONE_PORT ?? 5001) + 2 * stack;
  return {
    main: { home, port: String(port), env: testSettings },
    // Its auth receipts expire after 20 s.
    short: { home: `${home}-short`, port: String(port + 1), env: { ...testSettings, KEYSTONE_RECEIPT_EXPIRATION: "20" } },
  };
}

/** This process's stack: a Playwright worker's own (TEST_PARALLEL_INDEX), else the first. */
export const currentStack = Number(process.env.TEST_PARALLEL_INDEX ?? 0);

/** The Keystone the tests run against. */
export const testKeystone = testKeystonesOf(currentStack).main;

/** A second Keystone whose auth receipts expire after 20 s. */
export const shortReceiptKeystone = testKeystonesOf(currentStack).short;

/** What keystonectl reads to act on an instance. */
const instanceEnv = (instance: TestKeystone) => ({ ...instance.env, KEYSTONE_HOME: instance.home, KEYSTONE_PORT: instance.port });

/** Runs `keystonectl <command>` for an instance: the project's own script does the work. */
export function keystonectl(instance: TestKeystone, command: "up" | "down" | "seed") {
  execFileSync(ctl, [command], { env: { ...process.env, ...instanceEnv(instance) }, stdio: ["ignore", "ignore", "inherit"] });
}

// Run by a child node, as the callers (Playwright's configuration, Vitest's global setup) are
// synchronous: `keystonectl up`, then `seed`, for each instance at once; it fails, with
// keystonectl's error output, if any does.
const START_ALL = `
const { execFile } = require("node:child_process");
const [ctl, instances] = process.argv.slice(1);
const run = (env, command) => new Promise((ok, fail) =>
  execFile(ctl, [command], { env: { ...process.env, ...env } }, (error, _out, err) => (error ? fail(new Error(err)) : ok())));
Promise.all(JSON.parse(instances).map(async (env) => { await run(env, "up"); await run(env, "seed"); }))
  .catch((error) => { console.error(error.message); process.exit(1); });`;

/**
 * Starts (or reuses) several test Keystones side by side, each with its demo data: creating one
 * takes about half a minute, mostly Keystone's database migrations.
 */
export function ensureTestKeystones(instances: TestKeystone[]) {
  const envs = JSON.stringify(instances.map(instanceEnv));
  execFileSync(process.execPath, ["-e", START_ALL, ctl, envs], { stdio: ["ignore", "ignore", "inherit"] });
}

export function readSeed(instance = testKeystone): Seed {
  return JSON.parse(readFileSync(join(instance.home, "seed.json"), "utf8")) as Seed;
}

/**
 * Makes a user's password expired, as Keystone's password expiry would: the API offers no way to
 * do it now, so the test writes Keystone's own column (microseconds since the epoch).
 */
export function expirePassword(userId: string, instance = testKeystone) {
  const sql = `UPDATE password SET expires_at = '2001-01-01 00:00:00', expires_at_int = 978307200000000
    WHERE local_user_id = (SELECT id FROM local_user WHERE user_id = '${userId.replace(/[^0-9a-f]/g, "")}');`;
  execFileSync("sqlite3", ["-cmd", ".timeout 5000", join(instance.home, "keystone.db"), sql]);
}
