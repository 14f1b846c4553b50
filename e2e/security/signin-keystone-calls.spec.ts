import type { Page } from "@playwright/test";
import { generate, generateSecret } from "otplib";
import { POLICY_SET_SECONDS } from "@/lib/mfa/policy-set";
import { createTestGroup } from "../../tests/support/groups";
import { adminToken, keystone } from "../../tests/support/keystone";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { expect, seed, test } from "../support/fixtures";
import { pairA, pairB, proxyCounts, resetProxy, signInAt } from "./mfa-support";
import { Jar, passcodeStep, passwordStep, randomAddress, send } from "./signin-requests";

/*
 * What each sign-in step asks Keystone, counted by the proxy in front of the pair (issue 13): what
 * is needed and nothing more, so a regression that adds a call fails here. The first page after
 * a sign-in may use what issuing the token said; every later page validates the token again.
 */

const PASSWORD = "POST /v3/auth/tokens password";
const TOTP = "POST /v3/auth/tokens totp";
const VALIDATE = "GET /v3/auth/tokens";
const PROJECTS = "GET /v3/auth/projects";
const AUTHENTICATORS = "GET /v3/credentials";
const USER_GROUPS = "GET /v3/users/:id/groups";

/** Counts since the last reset, without the proxy's totals. */
const counted = async () => (await proxyCounts()).requests;

/** One sign-in on pairA, uncounted: the service account's token and the pages are warm afterwards. */
async function warmUp(page: Page) {
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    await signInAt(page, pairA, user, user.totpSecret);
    await page.context().clearCookies();
  } finally {
    await user.remove();
  }
}

let user: TestUser;
test.beforeEach(async ({ page }) => {
  await warmUp(page);
  user = await createTestUser({ rules: [["password", "totp"]] });
});
test.afterEach(async () => user.remove());

test("an MFA sign-in in the browser: the password step, the passcode step and the Overview ask Keystone only what they need", async ({ page }) => {
  await page.goto(`${pairA}/login`);
  await page.getByLabel("Username").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.waitForLoadState("networkidle");

  await resetProxy();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The password, then whether the user has an authenticator yet (the service account asks).
  expect(await counted()).toEqual({ [PASSWORD]: 1, [AUTHENTICATORS]: 1 });

  await page.getByLabel("Passcode").fill(await generate({ secret: user.totpSecret! }));
  await resetProxy();
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The passcode (Keystone scopes the token to the default project), then the projects for the
  // Overview: its token was issued an instant ago, so it is not validated.
  expect(await counted()).toEqual({ [TOTP]: 1, [PROJECTS]: 1 });

  await resetProxy();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Every later page asks Keystone about the token once (with the projects, at the same time).
  expect(await counted()).toEqual({ [VALIDATE]: 1, [PROJECTS]: 1 });
});

test("without JavaScript the same, and the first page skips validation once only, whichever instance serves it", async () => {
  const jar = new Jar();
  const xff = randomAddress();
  await resetProxy();
  expect((await passwordStep(pairA, user, "form", { jar, xff })).redirect).toMatch(/^\/login\/passcode/);
  expect(await counted()).toEqual({ [PASSWORD]: 1, [AUTHENTICATORS]: 1 });

  // The passcode step asks for the projects as soon as the token is issued, and the first page
  // waits for that answer: counted together, so when the request is sent does not matter.
  await resetProxy();
  const signedIn = await passcodeStep(pairA, await generate({ secret: user.totpSecret! }), "form", { jar, xff });
  expect(signedIn).toMatchObject({ status: 303, redirect: "/", sessionStarted: true });
  const first = await send(`${pairA}/`, { jar, xff });
  expect(first.status).toBe(200);
  expect(first.text).toContain("Overview");
  expect(await counted()).toEqual({ [TOTP]: 1, [PROJECTS]: 1 });

  // The other instance sees the first page was served: it validates, as every later page does.
  for (const base of [pairB, pairA]) {
    await resetProxy();
    expect((await send(`${base}/`, { jar, xff })).status).toBe(200);
    expect(await counted()).toEqual({ [VALIDATE]: 1, [PROJECTS]: 1 });
  }
});

test("a user who signed in with a passcode before: the password step asks Keystone for the password alone, on either instance", async () => {
  const xff = randomAddress();
  // A second authenticator: the second sign-in has a passcode the first did not spend, without waiting for the next TOTP step.
  const second = generateSecret();
  await keystone.credentials.create(await adminToken(), user.id, "totp", second);
  let jar = new Jar();
  await passwordStep(pairA, user, "form", { jar, xff });
  expect((await passcodeStep(pairA, await generate({ secret: user.totpSecret! }), "form", { jar, xff })).sessionStarted).toBe(true);

  jar = new Jar();
  await resetProxy();
  expect((await passwordStep(pairB, user, "form", { jar, xff })).redirect).toMatch(/^\/login\/passcode/);
  expect(await counted()).toEqual({ [PASSWORD]: 1 });
  expect((await passcodeStep(pairB, await generate({ secret: second }), "form", { jar, xff })).sessionStarted).toBe(true);
});

test("a revoked token is caught from the second page on", async () => {
  const jar = new Jar();
  const xff = randomAddress();
  await passwordStep(pairA, user, "form", { jar, xff });
  await passcodeStep(pairA, await generate({ secret: user.totpSecret! }), "form", { jar, xff });
  expect((await send(`${pairA}/`, { jar, xff })).status).toBe(200);
  // Revoke every token of the user behind the dashboard's back.
  const admin = await adminToken();
  const res = await fetch(`${seed.keystoneUrl}/users/${user.id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", "X-Auth-Token": admin },
    body: JSON.stringify({ user: { enabled: false } }),
  });
  expect(res.status).toBe(200);
  expect((await send(`${pairA}/`, { jar, xff })).redirect).toBe("/session-ended");
});

test("a password-only sign-in: the MFA policy check lists the policies once for seconds, and an administrator's change reaches every instance at once", async ({ page }) => {
  const [plain, other] = [await createTestUser(), await createTestUser()];
  const group = await createTestGroup();
  try {
    // An administrator on pairB, ready to require MFA of the (empty) group.
    await signInAt(page, pairB, seed.users.admin);
    await page.goto(`${pairB}/identity/groups/${group.id}`);
    const requireMfa = page.getByRole("button", { name: "Require MFA" });
    await requireMfa.waitFor();

    // A sign-in loads the set of groups and domains requiring MFA into pairA; the policy is set on
    // pairB, then the user joins the group: pairA, which read the set an instant ago, catches them
    // at their next sign-in all the same.
    const xff = randomAddress();
    expect((await passwordStep(pairA, plain, "action", { jar: new Jar(), xff })).sessionStarted).toBe(true);
    const loaded = Date.now();
    await requireMfa.click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("MFA is now required", { timeout: 20_000 });
    await group.addMember(plain.id);
    const answer = await passwordStep(pairA, plain, "action", { jar: new Jar(), xff });
    // Only a check made while pairA still keeps the set it read shows that the change reached it: on
    // a machine too busy for that (the browser round alone took 16 s under a load average of 13),
    // the test says it could not tell rather than pass.
    test.skip(Date.now() - loaded >= POLICY_SET_SECONDS * 1000, `too slow to tell: the policy was set after pairA's set expired (${POLICY_SET_SECONDS} s)`);
    expect(answer.sessionStarted).toBe(false);
    expect(answer.redirect).toMatch(/^\/login\/passcode/);

    // The set pairA has just read again serves the next sign-in: Keystone is asked for the password,
    // the user's groups (a group requires MFA now) and, for the Overview, the projects; nothing is listed.
    await resetProxy();
    expect((await passwordStep(pairA, other, "action", { jar: new Jar(), xff })).sessionStarted).toBe(true);
    expect(await counted()).toEqual({ [PASSWORD]: 1, [USER_GROUPS]: 1, [PROJECTS]: 1 });
  } finally {
    await group.remove();
    // One after the other: two deletes at once can meet SQLite's "database is locked" (a 500).
    await plain.remove();
    await other.remove();
  }
});
