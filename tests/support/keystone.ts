import { generate } from "otplib";
import { createKeystone } from "@/lib/keystone";
import { readSeed } from "./test-keystone";

export const seed = readSeed();
export const keystone = createKeystone({ url: seed.keystoneUrl, timeoutMs: 10_000 });

/** The passcode an authenticator app would show now for a secret. */
export const passcodeFor = (secret: string) => generate({ secret });

/** A project-scoped admin token, for checking Keystone's state around a test. */
export async function adminToken(): Promise<string> {
  const { name, password, domain } = seed.users.superuser;
  const issued = await keystone.auth.password({ username: name, password, domain }, { project: { id: seed.projects.admin } });
  return issued.token;
}
