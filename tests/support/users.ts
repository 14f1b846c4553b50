import { randomBytes } from "node:crypto";
import { generateSecret } from "otplib";
import type { SeedUser } from "./test-keystone";
import { adminToken, mainKeystone, type SeededKeystone } from "./keystone";

export interface TestUser extends SeedUser {
  totpSecret?: string;
  remove(): Promise<void>;
}

/**
 * A fresh Keystone user with the member role on project demo (its default), so a test can use up
 * its attempts or passcodes without touching the seeded users. With `rules`, it gets a TOTP
 * credential first (unless `totp: false`) and then the MFA rules, as the dashboard does.
 */
export async function createTestUser(
  options: { rules?: string[][]; totp?: boolean } = {},
  on: SeededKeystone = mainKeystone,
): Promise<TestUser> {
  const { keystone, seed } = on;
  const token = await adminToken(on);
  const name = `e2e-${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("base64url");
  const user = await keystone.users.create(token, {
    name,
    password,
    domain_id: seed.domains.Default,
    default_project_id: seed.projects.demo,
  });
  const [member] = await keystone.roles.list(token, "member");
  await keystone.roles.assignOnProject(token, seed.projects.demo, user.id, member.id);
  let totpSecret: string | undefined;
  if (options.totp ?? options.rules?.some((r) => r.includes("totp"))) {
    totpSecret = generateSecret();
    await keystone.credentials.create(token, user.id, "totp", totpSecret);
  }
  if (options.rules) {
    await keystone.users.update(token, user.id, {
      options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: options.rules },
    });
  }
  return {
    id: user.id,
    name,
    password,
    domain: "Default",
    totpSecret,
    remove: async () => {
      const admin = await adminToken(on);
      // One by one first: deleting a user drops its application credentials in bulk, which on SQLite
      // (no foreign keys) leaves their role rows behind, and the next credential that reuses the row
      // id fails with a 409 "Duplicate entry found with name ...".
      for (const c of await keystone.applicationCredentials.list(admin, user.id)) await keystone.applicationCredentials.delete(admin, user.id, c.id);
      await keystone.users.delete(admin, user.id);
    },
  };
}
