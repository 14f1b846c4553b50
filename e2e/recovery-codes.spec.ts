// Issue 11: lost phone. Recovery codes at activation, kept in Keystone as hashes, used at sign-in
// in place of the passcode, leading to a new authenticator; against the real test Keystone.
import { readFileSync } from "node:fs";
import type { Page, Response } from "@playwright/test";
import { generate } from "otplib";
import { findRecoveryCode, normalizeRecoveryCode } from "@/lib/mfa/recovery-codes";
import { adminToken, mainKeystone, seededKeystone } from "../tests/support/keystone";
import { e2eServers } from "../tests/support/e2e-servers";
import { shortReceiptKeystone } from "../tests/support/test-keystone";
import { createTestUser, type TestUser } from "../tests/support/users";
import {
  enterPasscode,
  expect,
  nextPasscode,
  screenshot,
  screenshotLightDarkPhone,
  seed,
  seriousA11yViolations,
  signIn,
  signInWithPassword,
  signOut,
  test,
} from "./support/fixtures";
import { enterRecoveryCode, giveRecoveryCodes, recoveryCredentials, recoveryHashes, saveRecoveryCodes } from "./support/recovery";

const { keystone } = mainKeystone;
const totpSecrets = async (userId: string) => (await keystone.credentials.list(await adminToken(), userId, "totp")).map((c) => c.blob);
const recoveryRegion = (page: Page) => page.getByRole("region", { name: "Recovery codes" });
const alert = (page: Page) => page.getByRole("main").getByRole("alert");
/** Both spellings of each code: as shown and as stored before hashing. */
const spellings = (codes: string[]) => codes.flatMap((c) => [c, normalizeRecoveryCode(c)!]);

/** Everything the browser receives from now on: each response's URL, headers and body. */
function captureResponses(page: Page) {
  const seen: Promise<string>[] = [];
  const onResponse = (r: Response) =>
    seen.push((async () => `${r.url()}\n${JSON.stringify(await r.allHeaders())}\n${await r.text().catch(() => "")}`)());
  page.on("response", onResponse);
  return {
    async stop() {
      page.off("response", onResponse);
      return Promise.all(seen);
    },
  };
}

/** Enrols an authenticator on the Security page; returns its secret (the page then shows the codes). */
async function enrolOnSecurityPage(page: Page): Promise<string> {
  await page.goto("/settings/security");
  await page.getByRole("button", { name: "Set up authenticator" }).click();
  const setup = page.getByRole("region", { name: "Set up an authenticator" });
  const secret = (await setup.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
  await setup.getByLabel("Passcode", { exact: true }).fill(await generate({ secret }));
  await setup.getByRole("button", { name: "Activate" }).click();
  return secret;
}

let user: TestUser;
test.afterEach(async () => {
  await user?.remove();
});

test("lost phone: enrol, keep the codes, sign out; password, a recovery code, a new QR code, signed in with the new app", async ({ page }) => {
  // Three sign-ins, two enrolments and two sets of codes: on the shared 2-core machine it took up to 2.8 minutes.
  test.slow();
  user = await createTestUser();
  await signIn(page, user);
  const lost = await enrolOnSecurityPage(page);
  await expect(page).toHaveURL(/\/settings\/security\/recovery-codes/);

  // Shown once, with a download that holds the same codes.
  const sheet = page.getByRole("region", { name: /Recovery codes for/ });
  const shown = (await sheet.getByRole("listitem").allTextContents()).map((t) => t.replace(/^\d+\./, ""));
  expect(shown).toHaveLength(10);
  for (const code of shown) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download (.txt)" }).click()]);
  expect(download.suggestedFilename()).toBe(`recovery-codes-${user.name}.txt`);
  const file = readFileSync(await download.path(), "utf8");
  for (const code of shown) expect(file).toContain(code);
  // Keystone keeps one credential of the dashboard's type, with hashes and no code.
  const [stored] = await recoveryCredentials(user.id);
  expect(stored.set?.codes).toHaveLength(10);
  for (const code of spellings(shown)) expect(stored.blob).not.toContain(code);
  const firstHashes = await recoveryHashes(user.id);

  // From the moment they were shown, no response carries a code or a hash again.
  const capture = captureResponses(page);
  const codes = await saveRecoveryCodes(page);
  expect(codes).toEqual(shown);
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Two-factor sign-in is on");
  await expect(recoveryRegion(page)).toContainText("Recovery codes: 10 of 10 left");
  expect((await page.context().cookies()).find((c) => c.name === "recovery-codes")).toBeUndefined();
  await page.goto("/settings/security/recovery-codes");
  await expect(page.getByRole("main")).toContainText("There are no new recovery codes to show");
  await signOut(page, user.name);

  // The phone is gone: password, then a recovery code.
  await signInWithPassword(page, user);
  await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
  await enterRecoveryCode(page, codes[0].toUpperCase());
  await expect(page.getByRole("heading", { name: "Set up your new authenticator" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code to add/ })).toBeVisible();
  expect(await totpSecrets(user.id)).toEqual([lost]); // nothing removed before the new one works
  const fresh = (await page.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
  await page.getByLabel("Passcode").fill(await generate({ secret: fresh }));
  await page.getByRole("button", { name: "Activate" }).click();
  const responsesSoFar = await capture.stop();

  // Fresh codes, shown once; then the Overview.
  const freshCapture = captureResponses(page);
  const freshCodes = await saveRecoveryCodes(page);
  expect(freshCodes.filter((c) => codes.includes(c))).toEqual([]);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(await totpSecrets(user.id)).toEqual([fresh]);
  await page.goto("/settings/security");
  await expect(page.getByRole("region", { name: "Your authenticators (1)" })).toBeVisible();
  await expect(recoveryRegion(page)).toContainText("Recovery codes: 10 of 10 left");
  await page.goto("/settings/security/recovery-codes");
  await signOut(page, user.name);

  // The code used is refused the next time (the whole old set is void), and so are the others.
  await signInWithPassword(page, user);
  await enterRecoveryCode(page, codes[0]);
  await expect(alert(page)).toHaveText("That recovery code is not correct, or it has been used already (4 attempts left).");
  await enterRecoveryCode(page, codes[1]);
  await expect(alert(page)).toContainText("(3 attempts left)");
  const responsesAfter = await freshCapture.stop();

  const allHashes = [...firstHashes, ...(await recoveryHashes(user.id))];
  expect(responsesSoFar.length + responsesAfter.length).toBeGreaterThan(10);
  for (const body of [...responsesSoFar, ...responsesAfter]) {
    for (const secret of [...spellings(codes), ...allHashes]) expect(body).not.toContain(secret);
  }
  // The fresh codes showed once, on the way to their page; never after they were saved.
  const afterSaved = responsesAfter.slice(responsesAfter.findIndex((b) => b.includes("/settings/security\n")));
  for (const body of afterSaved) for (const code of spellings(freshCodes)) expect(body).not.toContain(code);
  // Nor in the audit log, whose lines say what happened.
  const log = readFileSync(e2eServers.auditLog, "utf8");
  for (const secret of [...spellings(codes), ...spellings(freshCodes), ...allHashes]) expect(log).not.toContain(secret);
  const mine = log.trim().split("\n").map((l) => JSON.parse(l)).filter((l) => l.userId === user.id);
  expect(mine.map((l) => `${l.event} ${l.details?.action ?? ""} ${l.outcome}`.replace("  ", " "))).toEqual(
    expect.arrayContaining(["mfa.change turn on success", "mfa.change issue recovery codes success", "login.recovery success", "login.enrolment success", "login.recovery failure"]),
  );
  expect(mine.find((l) => l.event === "login.enrolment")?.details).toMatchObject({ recovery: true, authenticatorsRemoved: 1, recoveryCodesIssued: true });
});

test("a recovery code works once; the others of the set still work", async ({ page }) => {
  user = await createTestUser({ rules: [["password", "totp"]] });
  const codes = await giveRecoveryCodes(user.id);
  await signInWithPassword(page, user);
  await enterRecoveryCode(page, codes[3]);
  await expect(page.getByRole("heading", { name: "Set up your new authenticator" })).toBeVisible();
  await page.getByRole("button", { name: "Start over" }).click();

  await signInWithPassword(page, user);
  await enterRecoveryCode(page, codes[3]);
  await expect(alert(page)).toContainText("has been used already");
  await enterRecoveryCode(page, codes[4].replace("-", " "));
  await expect(page.getByRole("heading", { name: "Set up your new authenticator" })).toBeVisible();
  const [{ set }] = await recoveryCredentials(user.id);
  expect(set!.codes.map((c) => c.usedAt !== null)).toEqual([false, false, false, true, true, false, false, false, false, false]);
  // Nothing else changed: the old authenticator stays until a new one works.
  expect(await totpSecrets(user.id)).toEqual([user.totpSecret]);
});

test("regenerating needs a current passcode and voids the old set", async ({ page }) => {
  user = await createTestUser({ rules: [["password", "totp"]] });
  const old = await giveRecoveryCodes(user.id, { used: 2 });
  await signInWithPassword(page, user);
  await enterPasscode(page, await generate({ secret: user.totpSecret! }));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/settings/security");
  const region = recoveryRegion(page);
  await expect(region).toContainText("Recovery codes: 8 of 10 left");
  await expect(region.getByRole("status")).toHaveCount(0); // no warning yet
  const before = (await recoveryCredentials(user.id))[0].blob;

  await region.getByLabel("Current passcode").fill("000000");
  await region.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(region.getByRole("alert")).toContainText("not correct");
  expect((await recoveryCredentials(user.id))[0].blob).toBe(before);

  await region.getByLabel("Current passcode").fill(await nextPasscode(user.totpSecret!));
  await region.getByRole("button", { name: "Regenerate recovery codes" }).click();
  const fresh = await saveRecoveryCodes(page);
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("Your new recovery codes are in place. The old ones no longer work.");
  await expect(region).toContainText("Recovery codes: 10 of 10 left");
  const stored = await recoveryCredentials(user.id);
  expect(stored).toHaveLength(1);
  for (const code of old.slice(2)) expect(await findRecoveryCode(user.id, stored[0].set!, normalizeRecoveryCode(code)!)).toBeNull();
  expect(await findRecoveryCode(user.id, stored[0].set!, normalizeRecoveryCode(fresh[0])!)).toEqual({ index: 0, used: false });
});

test("the Security page warns at 2 codes left, and the admin sees the count; a reset voids the codes", async ({ page, browser }) => {
  user = await createTestUser({ rules: [["password", "totp"]] });
  await giveRecoveryCodes(user.id, { used: 8 });
  await signInWithPassword(page, user);
  await enterPasscode(page, await generate({ secret: user.totpSecret! }));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/settings/security");
  const region = recoveryRegion(page);
  await expect(region).toContainText("Recovery codes: 2 of 10 left");
  await expect(region.getByRole("status")).toContainText("Only 2 recovery codes are left.");
  await region.scrollIntoViewIfNeeded();
  await screenshotLightDarkPhone(page, "security-recovery-codes-few");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
  expect(await seriousA11yViolations(page)).toEqual([]);

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, seed.users.admin);
  await admin.goto(`/identity/users/${user.id}`);
  await expect(admin.getByRole("region", { name: "Recovery codes" })).toContainText("2 of 10 left");
  await screenshot(admin, "admin-user-recovery-codes");
  expect(await seriousA11yViolations(admin)).toEqual([]);
  await admin.getByRole("link", { name: "Reset authenticators" }).click();
  await expect(admin.getByRole("main")).toContainText("then their recovery codes");
  await admin.getByRole("button", { name: "Reset authenticators" }).click();
  await expect(admin.getByRole("main")).toContainText("Authenticators reset (1 removed) and their recovery codes voided");
  expect(await recoveryCredentials(user.id)).toEqual([]);
  await admin.goto(`/identity/users/${user.id}`);
  await expect(admin.getByRole("region", { name: "Recovery codes" })).toContainText("None: this user has no recovery codes.");
  await context.close();
});

test("the recovery pages: keyboard only, labelled, axe clean, in light, dark and phone widths, and on paper", async ({ page }) => {
  user = await createTestUser({ rules: [["password", "totp"]] });
  const codes = await giveRecoveryCodes(user.id);
  await page.goto("/login");
  await page.keyboard.type(user.name);
  await page.keyboard.press("Tab");
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Passcode")).toBeFocused();
  await screenshot(page, "passcode-with-recovery-link");
  // From the passcode field to the link: past the Verify button.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Use a recovery code" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Recovery code")).toBeFocused();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshotLightDarkPhone(page, "login-recovery");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });

  await page.keyboard.type("not-a-code");
  await page.keyboard.press("Enter");
  await expect(alert(page)).toHaveText("Enter one of your recovery codes: 10 letters and digits, like k7m2q-x9p4t.");
  await page.getByLabel("Recovery code").fill("");
  await page.getByLabel("Recovery code").focus();
  await page.keyboard.type(codes[0]);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Set up your new authenticator" })).toBeVisible();
  await expect(page.getByLabel("Passcode")).toBeFocused();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshotLightDarkPhone(page, "login-recovery-new-authenticator");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
  const secret = (await page.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
  await page.keyboard.type(await generate({ secret }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshotLightDarkPhone(page, "recovery-codes");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light", media: "print" });
  await screenshot(page, "recovery-codes-print");
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const onPaper = page.getByRole("region", { name: /Recovery codes for/ });
  await expect(onPaper).toBeVisible();
  // The sheet takes the page's width, not the hidden sidebar's column.
  expect((await onPaper.boundingBox())!.width).toBeGreaterThan(600);
  await page.emulateMedia({ media: "screen" });

  // Keyboard: Continue without ticking is refused by the form itself; ticked, it goes on.
  await page.getByRole("button", { name: "Print" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("I have saved these recovery codes somewhere safe")).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("the codes page refuses to go on until the user says the codes are saved", async ({ page }) => {
  user = await createTestUser();
  await signIn(page, user);
  await enrolOnSecurityPage(page);
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  // Posted without the box (a browser without the form's own check).
  await page.getByLabel("I have saved these recovery codes somewhere safe").evaluate((box) => box.removeAttribute("required"));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(alert(page)).toContainText("Tick the box once you have saved the codes");
  await expect(page.getByRole("region", { name: /Recovery codes for/ }).getByRole("listitem")).toHaveCount(10);
  await saveRecoveryCodes(page);
  await expect(recoveryRegion(page)).toContainText("10 of 10 left");
});

test.describe("a dashboard without a service account", () => {
  const short = seededKeystone(shortReceiptKeystone);
  test.use({ baseURL: e2eServers.noServiceAccount });

  test("offers no recovery codes, and the Security page says why", async ({ page }) => {
    user = await createTestUser({ rules: [["password", "totp"]] }, short);
    await giveRecoveryCodes(user.id, {}, short);
    await signInWithPassword(page, user);
    await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Use a recovery code" })).toHaveCount(0);
    await page.goto("/login/recovery");
    await expect(page.getByRole("main")).toContainText("cannot check recovery codes");
    await expect(page.getByLabel("Recovery code")).toHaveCount(0);
    await page.goto("/login/passcode");
    await enterPasscode(page, await generate({ secret: user.totpSecret! }));
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.goto("/settings/security");
    await expect(recoveryRegion(page)).toContainText("it has no service account, which it needs to check a recovery code while you sign in");
    await expect(recoveryRegion(page).getByRole("button")).toHaveCount(0);
  });
});

test("wrong recovery codes and wrong passcodes share one limit: after five, neither a passcode nor a code is taken", async ({ page }) => {
  user = await createTestUser({ rules: [["password", "totp"]] });
  await giveRecoveryCodes(user.id);
  await signInWithPassword(page, user);
  // One wrong passcode and four wrong recovery codes: one limit of five for both.
  await enterPasscode(page, (await generate({ secret: user.totpSecret! })) === "000000" ? "111111" : "000000");
  await expect(alert(page)).toContainText("(4 attempts left)");
  const wrong = ["00000-00000", "11111-11111", "22222-22222", "33333-33333", "44444-44444"];
  for (let left = 3; left >= 1; left--) {
    await enterRecoveryCode(page, wrong[3 - left]);
    await expect(alert(page)).toHaveText(`That recovery code is not correct, or it has been used already (${left} ${left === 1 ? "attempt" : "attempts"} left).`);
  }
  await enterRecoveryCode(page, wrong[3]);
  await expect(alert(page)).toHaveText(/Too many wrong passcodes\. Start over in [45] minutes\./);
  await expect(page.getByLabel("Recovery code")).toHaveCount(0);

  // No sixth attempt of either kind: both steps say to wait (e2e/security/recovery-codes-race.spec.ts
  // posts a sixth, right code to the server action itself).
  await page.getByRole("button", { name: "Start over" }).click();
  await signInWithPassword(page, user);
  await expect(alert(page)).toHaveText(/Too many wrong passcodes/);
  await page.goto("/login/recovery");
  await expect(alert(page)).toHaveText(/Too many wrong passcodes/);
  await expect(page.getByLabel("Recovery code")).toHaveCount(0);
  const [{ set }] = await recoveryCredentials(user.id);
  expect(set!.codes.every((c) => c.usedAt === null)).toBe(true);
  const log = readFileSync(e2eServers.auditLog, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((l) => l.userId === user.id);
  expect(log.filter((l) => l.event === "login.recovery").map((l) => `${l.outcome} ${l.reason}`)).toEqual(Array(4).fill("failure wrong recovery code"));
});
