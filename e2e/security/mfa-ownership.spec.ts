import type { Browser, Page } from "@playwright/test";
import { generate } from "otplib";
import { createTestGroup } from "../../tests/support/groups";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { ENFORCED_RULES, expect, nextPasscode, screenshotLightDarkPhone, seed, seriousA11yViolations, test } from "../support/fixtures";
import { saveRecoveryCodes } from "../support/recovery";
import {
  addAuthenticator,
  keystoneMfa,
  pairA,
  pairAudit,
  pairB,
  patchUser,
  proxyCounts,
  reached,
  replayAction,
  resetProxy,
  signInAt,
  type ActionRef,
} from "./mfa-support";

/*
 * Observations 5 and 6 of issue 8: MFA has an owner. A user may lift only MFA they turned on
 * themselves, and a stolen session cannot plant a second factor without a current passcode.
 */

const SECURITY = "app/(dashboard)/settings/security/actions.ts";
const TURN_OFF: ActionRef = { file: SECURITY, name: "turnOff", kind: "state" };
const ACTIVATE: ActionRef = { file: SECURITY, name: "activate", kind: "state" };

const statusRegion = (page: Page) => page.getByRole("region", { name: "Multi-factor authentication" });
const setupRegion = (page: Page) => page.getByRole("region", { name: "Set up an authenticator" });

/** An administrator's session on the first instance of the pair. */
async function adminPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAt(page, pairA, seed.users.admin);
  return { page, close: () => context.close() };
}

/** The ways MFA gets enforced on a user other than by the user: each sets it up and can undo its extras. */
const enforcers: { who: string; says: RegExp; rules: string[][]; shot?: string; enforce(user: TestUser, browser: Browser): Promise<() => Promise<void>> }[] = [
  {
    who: "an administrator",
    shot: "security-enforced-by-admin",
    rules: ENFORCED_RULES,
    says: new RegExp(`An administrator \\(${seed.users.admin.name}\\) turned on MFA`),
    async enforce(user, browser) {
      const admin = await adminPage(browser);
      await admin.page.goto(`${pairA}/identity/users/confirm?action=enforce&id=${user.id}`);
      await admin.page.getByRole("button", { name: "Enforce MFA" }).click();
      await expect(admin.page.getByRole("main")).toContainText("MFA enforced.", { timeout: 20_000 });
      await admin.close();
      return async () => {};
    },
  },
  {
    who: "Keystone directly (openstack user set)",
    says: /turned on in Keystone, outside this dashboard/,
    rules: [["password", "totp"]],
    async enforce(user) {
      await patchUser(user.id, { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [["password", "totp"]] } });
      return async () => {};
    },
  },
  {
    who: "a group policy",
    says: /required by the MFA policy of group e2e-group-/,
    rules: ENFORCED_RULES,
    async enforce(user, browser) {
      const group = await createTestGroup();
      await group.addMember(user.id);
      const admin = await adminPage(browser);
      await admin.page.goto(`${pairA}/identity/groups/${group.id}`);
      await admin.page.getByRole("button", { name: "Require MFA" }).click();
      await expect(admin.page.getByRole("main").getByRole("status")).toContainText("MFA is now required", { timeout: 20_000 });
      await admin.close();
      return () => group.remove();
    },
  },
];

for (const enforcer of enforcers) {
  test(`MFA enforced by ${enforcer.who} cannot be lifted by the user, not even by a replayed action`, async ({ browser }) => {
    const user = await createTestUser({ totp: true });
    const confirming = await addAuthenticator(user.id); // a second app, so its codes confirm changes
    const undo = await enforcer.enforce(user, browser);
    try {
      const enforced = { rules: enforcer.rules, authenticators: 2 };
      expect(await keystoneMfa(user.id)).toMatchObject(enforced);
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAt(page, pairB, user, user.totpSecret);

      // The turn-off action, posted outside the page with a right passcode: it must change nothing.
      await resetProxy();
      const response = await replayAction(page.request, `${pairB}/settings/security`, TURN_OFF, { passcode: await generate({ secret: confirming }) });
      expect(response.status()).toBeLessThan(500);
      expect(await keystoneMfa(user.id)).toMatchObject(enforced);
      expect((await proxyCounts()).writes).toBe(0);

      // The page says who turned it on and whom to ask, and offers no way to lift it.
      await page.goto(`${pairB}/settings/security`);
      await expect(statusRegion(page)).toContainText(enforcer.says);
      await expect(statusRegion(page)).toContainText("ask your cloud administrator");
      await expect(page.getByRole("button", { name: "Turn off MFA" })).toHaveCount(0);
      if (enforcer.shot) await screenshotLightDarkPhone(page, enforcer.shot);
      await context.close();
    } finally {
      await undo();
      await user.remove();
    }
  });
}

test("MFA the user turned on themselves can be turned off, and each self-service change is an audit line", async ({ page }) => {
  const user = await createTestUser();
  try {
    await signInAt(page, pairA, user);
    await page.goto(`${pairA}/settings/security`);
    await page.getByRole("button", { name: "Set up authenticator" }).click();
    const secret = (await setupRegion(page).getByLabel("Setup key").textContent())!.replaceAll(" ", "");
    await setupRegion(page).getByLabel("Passcode", { exact: true }).fill(await generate({ secret }));
    await setupRegion(page).getByRole("button", { name: "Activate" }).click();
    await saveRecoveryCodes(page);
    await expect(statusRegion(page)).toContainText("You turned on MFA yourself", { timeout: 15_000 });
    expect(await keystoneMfa(user.id)).toMatchObject({ rules: ENFORCED_RULES, enforcedBy: "self", authenticators: 1 });
    await screenshotLightDarkPhone(page, "security-self-enforced");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await seriousA11yViolations(page)).toEqual([]);

    const off = page.getByRole("region", { name: "Turn off MFA" });
    await off.getByLabel("Current passcode").fill(await nextPasscode(secret));
    await off.getByRole("button", { name: "Turn off MFA" }).click();
    await expect(page).toHaveURL(/done=off/, { timeout: 15_000 });
    await expect(page.getByRole("main").getByRole("status").first()).toHaveText("MFA is off and your authenticators are removed.");
    expect(await keystoneMfa(user.id)).toEqual({ rules: null, enabled: null, enforcedBy: null, authenticators: 0 });

    const mine = pairAudit().filter((l) => l.userId === user.id && l.event === "mfa.change");
    expect(mine.map((l) => `${l.details?.action} ${l.outcome}`)).toEqual([
      "turn on success",
      "issue recovery codes success",
      "turn off success",
      "void recovery codes success",
    ]);
    expect(mine[2].details).toMatchObject({ mfaBefore: "enforced", mfaAfter: "off" });
  } finally {
    await user.remove();
  }
});

test("a stolen session cannot add an authenticator without a current passcode from a registered one", async ({ page }) => {
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    await signInAt(page, pairA, user, user.totpSecret);
    await page.goto(`${pairA}/settings/security`);
    await page.getByRole("button", { name: "Add another authenticator" }).click();
    const planted = (await setupRegion(page).getByLabel("Setup key").textContent())!.replaceAll(" ", "");
    await screenshotLightDarkPhone(page, "security-add-authenticator");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: "light" });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await resetProxy();

    // The form with the new app's code alone (the attacker has no registered app).
    await setupRegion(page).getByLabel("Passcode from the new app").fill(await generate({ secret: planted }));
    await setupRegion(page).locator("input").evaluateAll((inputs) => inputs.forEach((i) => i.removeAttribute("required")));
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      setupRegion(page).getByRole("button", { name: "Activate" }).click(),
    ]);
    await expect(setupRegion(page).getByRole("alert")).toContainText("current passcode", { timeout: 15_000 });
    // Replayed, with the new app's code given as the "current" one as well.
    const code = await generate({ secret: planted });
    const replayed = await replayAction(page.request, `${pairA}/settings/security`, ACTIVATE, { passcode: code, currentPasscode: code });
    expect(replayed.status()).toBeLessThan(500);
    expect((await keystoneMfa(user.id)).authenticators).toBe(1);
    expect(await reached("POST /v3/credentials")).toBe(0);

    // With a current passcode from the registered app, the new one is added.
    const current = await nextPasscode(user.totpSecret!);
    await setupRegion(page).getByLabel("Passcode from the new app").fill(await generate({ secret: planted }));
    await setupRegion(page).getByLabel("Current passcode").fill(current);
    await setupRegion(page).getByRole("button", { name: "Activate" }).click();
    await expect(page).toHaveURL(/done=added/, { timeout: 15_000 });
    await expect(page.getByRole("main").getByRole("status").first()).toContainText("Authenticator added");
    expect((await keystoneMfa(user.id)).authenticators).toBe(2);
    const added = pairAudit().filter((l) => l.userId === user.id && l.event === "mfa.change");
    expect(added.map((l) => `${l.details?.action} ${l.outcome}`)).toContain("add authenticator success");
    expect(added.map((l) => `${l.details?.action} ${l.outcome}`)).toContain("add authenticator refused"); // the form
    expect(added.map((l) => `${l.details?.action} ${l.outcome}`)).toContain("add authenticator failure"); // the replay
  } finally {
    await user.remove();
  }
});
