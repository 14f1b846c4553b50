import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { adminToken, mainKeystone, seededKeystone, type SeededKeystone } from "../tests/support/keystone";
import { e2eServers } from "../tests/support/e2e-servers";
import { shortReceiptKeystone } from "../tests/support/test-keystone";
import { createTestUser } from "../tests/support/users";
import { expect, screenshot, seriousA11yViolations, signIn, signInWithPassword, test } from "./support/fixtures";
import { saveRecoveryCodes } from "./support/recovery";

async function totpSecrets(userId: string, on: SeededKeystone = mainKeystone) {
  return (await on.keystone.credentials.list(await adminToken(on), userId)).map((c) => c.blob);
}

async function setupKey(page: Page) {
  return (await page.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
}

test.describe("enrolment during login", () => {
  test("a user required to use MFA, without an authenticator, enrols and gets a session", async ({ page }) => {
    const user = await createTestUser({ rules: [["password", "totp"]], totp: false });
    try {
      await signInWithPassword(page, user);
      await expect(page.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
      await expect(page.getByRole("img", { name: /QR code to add/ })).toBeVisible();
      await screenshot(page, "login-enrolment");
      expect(await seriousA11yViolations(page)).toEqual([]);
      const secret = await setupKey(page);
      expect(await totpSecrets(user.id)).toEqual([]);

      await page.getByLabel("Passcode").fill("000000");
      await page.getByRole("button", { name: "Activate" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toContainText("does not match this QR code");
      expect(await totpSecrets(user.id)).toEqual([]);

      await page.getByLabel("Passcode").fill(await generate({ secret }));
      await page.getByRole("button", { name: "Activate" }).click();
      // Every enrolment ends with recovery codes, shown once.
      await saveRecoveryCodes(page);
      await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
      await expect(page.getByText("password + authenticator passcode")).toBeVisible();
      expect(await totpSecrets(user.id)).toEqual([secret]);
    } finally {
      await user.remove();
    }
  });

  test("a user who has an authenticator gets the ordinary passcode step", async ({ page }) => {
    const user = await createTestUser({ rules: [["password", "totp"]] });
    try {
      await signInWithPassword(page, user);
      await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
      await expect(page.getByLabel("Setup key")).toHaveCount(0);
    } finally {
      await user.remove();
    }
  });
});

test.describe("a dashboard without a service account", () => {
  const short = seededKeystone(shortReceiptKeystone);
  test.use({ baseURL: e2eServers.noServiceAccount });

  test("self-service enrolment registers the authenticator and says an administrator must enforce it", async ({ page }) => {
    const user = await createTestUser({}, short);
    try {
      await signIn(page, user);
      await page.goto("/settings/security");
      await page.getByRole("button", { name: "Set up authenticator" }).click();
      const secret = await setupKey(page);
      const setup = page.getByRole("region", { name: "Set up an authenticator" });
      await setup.getByLabel("Passcode").fill(await generate({ secret }));
      await setup.getByRole("button", { name: "Activate" }).click();
      await expect(page.getByRole("main").getByRole("status").first()).toContainText("an administrator to turn on MFA");
      await expect(page.getByRole("region", { name: "Multi-factor authentication" })).toContainText("Registered, not enforced");
      const record = await short.keystone.users.get(await adminToken(short), user.id);
      expect(record.options.multi_factor_auth_rules).toBeUndefined();
      expect(await totpSecrets(user.id, short)).toEqual([secret]);
      await screenshot(page, "security-registered");
    } finally {
      await user.remove();
    }
  });

  test("a user without an authenticator is told to contact an administrator", async ({ page }) => {
    const user = await createTestUser({ rules: [["password", "totp"]], totp: false }, short);
    try {
      await signInWithPassword(page, user);
      await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("contact your cloud administrator");
    } finally {
      await user.remove();
    }
  });
});
