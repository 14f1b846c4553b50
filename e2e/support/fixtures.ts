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
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

export async function signInWithPassword(page: Page, user: SeedUser) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  if (user.domain !== "Default") {
    await page.getByText("Domain:").click();
    await page.getByLabel("Domain").fill(user.domain);
  }
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base;

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
