// A user who signed in with a passcode has an authenticator: their next sign-ins do not ask Keystone
// again (issue 13). What that memory must never do is keep a user who has none from the enrolment
// they would get: a change through the dashboard, on any instance, forgets it, and a removal made
// behind the dashboard's back is caught by the first wrong passcode.
import type { Browser } from "@playwright/test";
import { generate, generateSecret } from "otplib";
import { adminToken, keystone } from "../../tests/support/keystone";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { ENFORCED_RULES, expect, seed, signInWithPassword, test } from "../support/fixtures";
import { saveRecoveryCodes } from "../support/recovery";
import { callStateAction, keystoneMfa, pairA, pairB, proxyCounts, resetProxy, signInAt, type ActionRef } from "./mfa-support";

const APPLY: ActionRef = { file: "app/(dashboard)/identity/users/actions.ts", name: "applyMfaAction", kind: "state" };
const RULES = [["password", "totp"]];

/** Signs `user` in on `base` with a passcode, then drops the session: the dashboard now knows they have an authenticator. */
async function signInOnce(browser: Browser, base: string, user: TestUser) {
  const context = await browser.newContext();
  await signInAt(await context.newPage(), base, user, user.totpSecret);
  await context.close();
}

let user: TestUser;
test.beforeEach(async () => {
  user = await createTestUser({ rules: RULES });
});
test.afterEach(async () => user.remove());

test("removed with the CLI after a sign-in: the passcode step comes first, and the first passcode turns it into the enrolment", async ({ browser, page }) => {
  await signInOnce(browser, pairA, user);
  const token = await adminToken();
  for (const c of await keystone.credentials.list(token, user.id, "totp")) await keystone.credentials.delete(token, c.id);

  await signInWithPassword(page, user, pairA);
  await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
  await resetProxy();
  // Whatever the user types now, no authenticator of theirs could have made it.
  await page.getByLabel("Passcode").fill(await generate({ secret: generateSecret() }));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
  await expect(page.getByText("That passcode could not be checked: your account no longer has an authenticator")).toBeVisible();
  // Keystone refused the passcode, then said the user has no authenticator.
  expect((await proxyCounts()).requests).toEqual({ "POST /v3/auth/tokens totp": 1, "GET /v3/credentials": 1 });

  const secret = (await page.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
  await page.getByLabel("Passcode").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Activate" }).click();
  await saveRecoveryCodes(page);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect((await keystone.credentials.list(token, user.id, "totp")).map((c) => c.blob)).toEqual([secret]);
});

test("an administrator's reset and enforcement on the other instance: the next sign-in is the enrolment at once", async ({ browser, page }) => {
  await signInOnce(browser, pairA, user);
  const admin = await browser.newContext();
  try {
    await signInAt(await admin.newPage(), pairB, seed.users.admin, seed.users.admin.totpSecret);
    for (const fields of [{ action: "reset" }, { action: "enforce", requireEnrolment: "on" }] as Record<string, string>[]) {
      const answer = await callStateAction(admin.request, `${pairB}/identity/users`, APPLY, { ...fields, id: user.id });
      expect(await answer.text()).toContain('"ok":true');
    }
  } finally {
    await admin.close();
  }
  expect(await keystoneMfa(user.id)).toMatchObject({ authenticators: 0, rules: ENFORCED_RULES });

  await resetProxy();
  await signInWithPassword(page, user, pairA);
  await expect(page.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
  // No passcode was typed here: the page says only that none is set up.
  await expect(page.getByText("none is set up yet")).toBeVisible();
  expect((await proxyCounts()).requests).toMatchObject({ "POST /v3/auth/tokens password": 1, "GET /v3/credentials": 1 });
});

test("a wrong passcode from a user who still has an authenticator is one wrong passcode, and the right one still signs in", async ({ browser, page }) => {
  await signInOnce(browser, pairA, user);
  await signInWithPassword(page, user, pairB);
  await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
  await page.getByLabel("Passcode").fill(await generate({ secret: generateSecret() }));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("4 attempts left");
  expect(await keystoneMfa(user.id)).toMatchObject({ authenticators: 1 });
  // Another authenticator's passcode: the first sign-in spent this TOTP step's code of the user's own.
  const second = generateSecret();
  await keystone.credentials.create(await adminToken(), user.id, "totp", second);
  await page.getByLabel("Passcode").fill(await generate({ secret: second }));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});
