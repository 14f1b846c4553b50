import type { Page } from "@playwright/test";
import { hashRecoveryCodes, newRecoveryCodes, parseRecoverySet, RECOVERY_CREDENTIAL_TYPE, type RecoverySet } from "@/lib/mfa/recovery-codes";
import { adminToken, mainKeystone, type SeededKeystone } from "../../tests/support/keystone";
import { expect } from "./fixtures";

const CODE = /[0-9a-z]{5}-[0-9a-z]{5}/g;

/** Gives a user a set of recovery codes in Keystone directly (as the dashboard stores them), `used` of them used. */
export async function giveRecoveryCodes(userId: string, { used = 0 } = {}, on: SeededKeystone = mainKeystone): Promise<string[]> {
  const codes = newRecoveryCodes();
  const set = await hashRecoveryCodes(userId, codes, new Date());
  set.codes.slice(0, used).forEach((c) => (c.usedAt = new Date().toISOString()));
  await on.keystone.credentials.create(await adminToken(on), userId, RECOVERY_CREDENTIAL_TYPE, JSON.stringify(set));
  return codes;
}

/** The user's recovery-code credentials as Keystone holds them: the raw blobs and the sets in them. */
export async function recoveryCredentials(userId: string, on: SeededKeystone = mainKeystone): Promise<{ blob: string; set: RecoverySet | null }[]> {
  const credentials = await on.keystone.credentials.list(await adminToken(on), userId, RECOVERY_CREDENTIAL_TYPE);
  return credentials.map((c) => ({ blob: c.blob, set: parseRecoverySet(c.blob) }));
}

/** Every hash and salt in a user's recovery credentials: strings that must never reach a browser. */
export async function recoveryHashes(userId: string, on: SeededKeystone = mainKeystone): Promise<string[]> {
  return (await recoveryCredentials(userId, on)).flatMap(({ set }) => (set ? [set.salt, ...set.codes.map((c) => c.hash)] : []));
}

/** On the page that shows new recovery codes: reads them, says they were saved, and goes on. */
export async function saveRecoveryCodes(page: Page): Promise<string[]> {
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const sheet = page.getByRole("region", { name: /Recovery codes for/ });
  const codes = (await sheet.getByRole("listitem").allTextContents()).map((t) => t.match(CODE)?.[0] ?? t);
  expect(codes).toHaveLength(10);
  await page.getByLabel("I have saved these recovery codes somewhere safe").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toHaveCount(0);
  return codes;
}

/** From the passcode step: "Use a recovery code", then the code. */
export async function enterRecoveryCode(page: Page, code: string) {
  if (!page.url().includes("/login/recovery")) await page.getByRole("link", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(code);
  await page.getByRole("button", { name: "Use recovery code" }).click();
}
