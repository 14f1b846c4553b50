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

/** Cheap password hashes (bcrypt cost 4, not 12): the suite creates and signs in hundreds of users. */
const fastHashes = { KEYSTONE_PASSWORD_HASH_ROUNDS: "4" };

/** The Keystone the tests run against. */
export const testKeystone: TestKeystone = {
  home: resolve(repo, process.env.TEST_KEYSTONE_HOME ?? ".keystone-test"),
  port: process.env.TEST_KEYSTONE_PORT ?? "5001",
  env: fastHashes,
};

/** A second Keystone whose auth receipts expire after 20 s. */
export const shortReceiptKeystone: TestKeystone = {
  home: `${testKeystone.home}-short`,
  port: String(Number(testKeystone.port) + 1),
  env: { ...fastHashes, KEYSTONE_RECEIPT_EXPIRATION: "20" },
};

/** Runs `keystonectl <command>` for an instance: the project's own script does the work. */
export function keystonectl(instance: TestKeystone, command: "up" | "down" | "seed") {
  const env = { ...process.env, ...instance.env, KEYSTONE_HOME: instance.home, KEYSTONE_PORT: instance.port };
  execFileSync(ctl, [command], { env, stdio: ["ignore", "ignore", "inherit"] });
}

/** Starts (or reuses) a test Keystone with its demo data. */
export function ensureTestKeystone(instance = testKeystone): Seed {
  keystonectl(instance, "up");
  keystonectl(instance, "seed");
  return readSeed(instance);
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
