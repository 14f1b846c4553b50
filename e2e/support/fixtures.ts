import { test as base, expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { readSeed, type SeedUser } from "../../tests/support/test-keystone";

export const seed = readSeed();
export { expect };

const shots = join(__dirname, "..", "screenshots");
mkdirSync(shots, { recursive: true });

/** Saves a full-page PNG under e2e/screenshots for a person to look at. */
export async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** The page as NAME.png, NAME-dark.png (dark colour scheme) and NAME-phone.png (390 px wide). */
export async function screenshotLightDarkPhone(page: Page, name: string) {
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, `${name}-dark`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
}

/** The password step on the login page of `base` (the test's baseURL when empty, e.g. one of the pair otherwise). */
export async function signInWithPassword(page: Page, user: SeedUser, base = "") {
  await page.goto(`${base}/login`);
  await page.getByLabel("Username").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  if (user.domain !== "Default") {
    await page.getByText("Domain:").click();
    await page.getByLabel("Domain").fill(user.domain);
  }
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base;

/** The rules the dashboards under test write when they enforce MFA: application credentials keep working. */
export const ENFORCED_RULES = [["password", "totp"], ["application_credential"]];

/** The Keystone token inside this browser's session cookie, decrypted as the server would. */
export async function sessionKeystoneToken(page: Page): Promise<string> {
  const { decode } = await import("next-auth/jwt");
  const cookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  if (!cookie) throw new Error("no session cookie");
  const jwt = await decode({ token: cookie.value, secret: process.env.E2E_AUTH_SECRET!, salt: cookie.name });
  const token = (jwt?.user as { keystoneToken?: string } | undefined)?.keystoneToken;
  if (!token) throw new Error("no Keystone token in the session");
  return token;
}

/** Types a passcode into the passcode step and submits it. */
export async function enterPasscode(page: Page, passcode: string) {
  await page.getByLabel("Passcode").fill(passcode);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** A passcode that is not the current one (nor the previous or next), for wrong-code tests. */
export async function wrongPasscode(secret: string): Promise<string> {
  const { generate } = await import("otplib");
  const nearby = new Set<string>();
  for (const offset of [-1, 0, 1]) nearby.add(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 }));
  let code = "000000";
  while (nearby.has(code)) code = String(Number(code) + 111111).padStart(6, "0");
  return code;
}

/** Waits for the authenticator's next 30-second step and returns its code: a passcode not used yet. */
export async function nextPasscode(secret: string): Promise<string> {
  const { generate } = await import("otplib");
  await nextTimeStep();
  return generate({ secret });
}

/** Waits for the next 30-second TOTP step to begin. */
export async function nextTimeStep(): Promise<void> {
  const msLeft = 30_000 - (Date.now() % 30_000);
  await new Promise((resolve) => setTimeout(resolve, msLeft + 200));
}

/** Signs in a user without MFA rules and waits for the Overview. */
export async function signIn(page: Page, user: SeedUser) {
  await signInWithPassword(page, user);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** The serious and critical accessibility violations axe finds on the page, as "id: help" lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

/** Opens the account menu, signs out and waits until the login page says so. */
export async function signOut(page: Page, userName: string) {
  await page.getByText(userName, { exact: true }).first().click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out/);
}
