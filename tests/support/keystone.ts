import { generate } from "otplib";
import { createKeystone, type Keystone } from "@/lib/keystone";
import { readSeed, type Seed, type TestKeystone } from "./test-keystone";

export const seed = readSeed();
export const keystone = createKeystone({ url: seed.keystoneUrl, timeoutMs: 10_000 });

/** The passcode an authenticator app would show now for a secret. */
export const passcodeFor = (secret: string) => generate({ secret });

/** A seeded Keystone: its demo data and a client for it. */
export interface SeededKeystone {
  seed: Seed;
  keystone: Keystone;
}

export const mainKeystone: SeededKeystone = { seed, keystone };

export function seededKeystone(instance: TestKeystone): SeededKeystone {
  const other = readSeed(instance);
  return { seed: other, keystone: createKeystone({ url: other.keystoneUrl, timeoutMs: 10_000 }) };
}

/** A project-scoped admin token, for checking Keystone's state around a test. */
export async function adminToken(on: SeededKeystone = mainKeystone): Promise<string> {
  const { name, password, domain } = on.seed.users.superuser;
  const issued = await on.keystone.auth.password({ username: name, password, domain }, { project: { id: on.seed.projects.admin } });
  return issued.token;
}
