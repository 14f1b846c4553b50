import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { createKeystone } from "@/lib/keystone";
import { adminToken } from "../tests/support/keystone";
import { createTestUser, type TestUser } from "../tests/support/users";
import { ENFORCED_RULES, enterPasscode, expect, nextPasscode, nextTimeStep, screenshot, seed, seriousA11yViolations, signIn, signInWithPassword, signOut, test } from "./support/fixtures";
import { saveRecoveryCodes } from "./support/recovery";

const keystone = createKeystone({ url: seed.keystoneUrl, timeoutMs: 10_000 });

const region = (page: Page, name: string | RegExp) => page.getByRole("region", { name });
const statusBadge = (page: Page) => region(page, "Multi-factor authentication");

/** What Keystone holds for the user: the secrets of their totp credentials and their rules. */
async function keystoneState(userId: string) {
  const token = await adminToken();
  const [credentials, user] = await Promise.all([keystone.credentials.list(token, userId), keystone.users.get(token, userId)]);
  return { secrets: credentials.map((c) => c.blob).sort(), rules: user.options.multi_factor_auth_rules ?? null };
}

/** Starts a setup on the Security page and reads the setup key the way a user would copy it. */
async function startSetup(page: Page): Promise<string> {
  await page.goto("/settings/security");
  await page.getByRole("button", { name: /Set up authenticator|Add another authenticator/ }).click();
  const key = await region(page, "Set up an authenticator").getByLabel("Setup key").textContent();
  return key!.replaceAll(" ", "");
}

/**
 * Submits the setup form and waits for the server's answer (the same message may already show).
 * Adding another authenticator also takes a current passcode from one already registered.
 */
async function activate(page: Page, passcode: string, current?: string) {
  const setup = region(page, "Set up an authenticator");
  const field = setup.getByLabel(current ? "Passcode from the new app" : "Passcode");
  await field.fill(passcode);
  await field.evaluate((el) => (el as HTMLInputElement).removeAttribute("required"));
  if (current) await setup.getByLabel("Current passcode").fill(current);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    setup.getByRole("button", { name: "Activate" }).click(),
  ]);
}

let user: TestUser;
test.beforeEach(async () => {
  user = await createTestUser();
});
test.afterEach(async () => {
  await user.remove();
});

test("a user enrols from the QR page, signs out, and signs in with password and passcode", async ({ page }) => {
  await signIn(page, user);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security" }).click();
  await expect(statusBadge(page)).toContainText("Off");
  const secret = await startSetup(page);
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const qr = region(page, "Set up an authenticator").getByRole("img", { name: /QR code to add/ });
  await expect(qr).toBeVisible();
  await screenshot(page, "security-setup");
  expect(await keystoneState(user.id)).toEqual({ secrets: [], rules: null });

  // From here on, no response may carry the secret.
  const bodies: Promise<string>[] = [];
  page.on("response", (r) => bodies.push(r.text().catch(() => "")));
  await activate(page, await generate({ secret }));
  await saveRecoveryCodes(page);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor sign-in is on");
  await expect(statusBadge(page)).toContainText("On");
  await expect(statusBadge(page)).toContainText("a password and a passcode from an authenticator app");
  await screenshot(page, "security-enforced");
  expect(await keystoneState(user.id)).toEqual({ secrets: [secret], rules: ENFORCED_RULES });

  await page.goto("/settings/api-access");
  await expect(page.getByLabel("clouds.yaml contents")).toContainText("auth_type: v3multifactor");
  await signOut(page, user.name);
  await signInWithPassword(page, user);
  await enterPasscode(page, await nextPasscode(secret));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/settings/security");
  await expect(statusBadge(page)).toContainText("On");

  const responses = await Promise.all(bodies);
  expect(responses.length).toBeGreaterThan(5);
  for (const body of responses) expect(body).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);

  // The same authenticator works with the openstack CLI, through the clouds.yaml the dashboard offers
  // and the password in a secure.yaml, as its comments say.
  const yaml = await (await page.request.get("/settings/api-access/clouds.yaml")).text();
  expect(yaml).toContain("auth_type: v3multifactor");
  const dir = mkdtempSync(join(tmpdir(), "clouds-"));
  writeFileSync(join(dir, "clouds.yaml"), yaml);
  writeFileSync(join(dir, "secure.yaml"), `clouds:\n  openstack:\n    auth:\n      password: ${JSON.stringify(user.password)}\n`);
  const cli = execFileSync("openstack", ["--os-cloud", "openstack", "--os-passcode", await generate({ secret }), "token", "issue", "-f", "value", "-c", "user_id"], {
    encoding: "utf8",
    env: { ...process.env, OS_CLIENT_CONFIG_FILE: join(dir, "clouds.yaml"), OS_CLIENT_SECURE_FILE: join(dir, "secure.yaml") },
  });
  expect(cli.trim()).toBe(user.id);
});

test("a second authenticator, removing one, and turning MFA off", async ({ page }) => {
  await signIn(page, user);
  const first = await startSetup(page);
  await activate(page, await generate({ secret: first }));
  await saveRecoveryCodes(page);
  await expect(statusBadge(page)).toContainText("On");

  const second = await startSetup(page);
  const current = await nextPasscode(first); // the code that activated the first one is spent
  await activate(page, await generate({ secret: second }), current);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Authenticator added");
  await expect(region(page, "Your authenticators (2)")).toBeVisible();
  expect(await keystoneState(user.id)).toEqual({ secrets: [first, second].sort(), rules: ENFORCED_RULES });
  await screenshot(page, "security-two-authenticators");

  // Removing needs a current passcode (from either app).
  const list = region(page, "Your authenticators (2)");
  await list.getByLabel("Current passcode").first().fill("000000");
  await list.getByRole("button", { name: "Remove authenticator 1" }).click();
  await expect(list.getByRole("alert")).toContainText("not correct");
  expect((await keystoneState(user.id)).secrets).toHaveLength(2);
  await list.getByLabel("Current passcode").first().fill(await nextPasscode(second));
  await list.getByRole("button", { name: "Remove authenticator 1" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Authenticator removed.");
  expect((await keystoneState(user.id)).secrets).toHaveLength(1);
  const remaining = (await keystoneState(user.id)).secrets[0];

  // The last one cannot be removed while MFA is on.
  const one = region(page, "Your authenticators (1)");
  await one.getByLabel("Current passcode").fill(await generate({ secret: remaining }));
  await one.getByRole("button", { name: "Remove authenticator 1" }).click();
  await expect(one.getByRole("alert")).toContainText("would lock you out");

  const off = region(page, "Turn off MFA");
  await off.getByLabel("Current passcode").fill(await nextPasscode(remaining));
  await off.getByRole("button", { name: "Turn off MFA" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("MFA is off and your authenticators are removed.");
  await expect(statusBadge(page)).toContainText("Off");
  expect(await keystoneState(user.id)).toEqual({ secrets: [], rules: null });
});

test("bad codes, a stale or tampered setup, and a double submit change nothing", async ({ page }) => {
  await signIn(page, user);
  const secret = await startSetup(page);
  const setup = region(page, "Set up an authenticator");
  for (const code of ["abcdef", "12345", "1234567", ""]) {
    await activate(page, code);
    await expect(setup.getByRole("alert")).toContainText("Enter the 6-digit passcode");
  }
  // A code from three minutes ago: the device clock is behind. Sent as a step begins, so that a
  // slow server still checks it in that step and finds it six steps (3 minutes) old.
  await nextTimeStep();
  await activate(page, await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 180 }));
  await expect(setup.getByRole("alert")).toContainText("about 3 minutes behind");
  await screenshot(page, "security-clock-drift");
  expect(await keystoneState(user.id)).toEqual({ secrets: [], rules: null });

  // A tampered pending cookie is no setup at all.
  const cookie = (await page.context().cookies()).find((c) => c.name === "mfa-enrolment")!;
  await page.context().addCookies([{ ...cookie, value: cookie.value.slice(0, -4) + "AAAA" }]);
  await activate(page, await generate({ secret }));
  await expect(setup.getByRole("alert")).toContainText("This setup has expired");
  expect(await keystoneState(user.id)).toEqual({ secrets: [], rules: null });

  // Two submits of the same code at once create one credential.
  const again = await startSetup(page);
  const code = await generate({ secret: again });
  await region(page, "Set up an authenticator").getByLabel("Passcode", { exact: true }).fill(code);
  await region(page, "Set up an authenticator").getByRole("button", { name: "Activate" }).evaluate((button) => {
    const form = (button as HTMLButtonElement).form!;
    form.requestSubmit();
    form.requestSubmit();
  });
  await saveRecoveryCodes(page);
  await expect(statusBadge(page)).toContainText("On");
  expect(await keystoneState(user.id)).toEqual({ secrets: [again], rules: ENFORCED_RULES });
});

test("the Security page has no serious accessibility violations", async ({ page }) => {
  await signIn(page, user);
  await page.goto("/settings/security");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await startSetup(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousA11yViolations(page)).toEqual([]);
});
