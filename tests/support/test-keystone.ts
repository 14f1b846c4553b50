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

const repo = resolve(__dirname, "../..");
export const testKeystoneHome = resolve(repo, process.env.TEST_KEYSTONE_HOME ?? ".keystone-test");
export const testKeystonePort = process.env.TEST_KEYSTONE_PORT ?? "5001";

/** Starts (or reuses) the test Keystone and its demo data; the project's own script does the work. */
export function ensureTestKeystone(): Seed {
  const env = { ...process.env, KEYSTONE_HOME: testKeystoneHome, KEYSTONE_PORT: testKeystonePort };
  for (const command of ["up", "seed"]) {
    execFileSync(join(repo, "scripts/keystone/keystonectl"), [command], { env, stdio: ["ignore", "ignore", "inherit"] });
  }
  return readSeed();
}

export function readSeed(): Seed {
  return JSON.parse(readFileSync(join(testKeystoneHome, "seed.json"), "utf8")) as Seed;
}
