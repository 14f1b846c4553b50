import { readFileSync } from "node:fs";
import { generate } from "otplib";
import { expirePassword, keystonectl, readSeed, shortReceiptKeystone, testKeystone } from "../tests/support/test-keystone";
import { e2eServers } from "../tests/support/e2e-servers";
import { createTestUser } from "../tests/support/users";
import { enterPasscode, expect, seed, sessionKeystoneToken, signInWithPassword, signOut, test, wrongPasscode } from "./support/fixtures";

const alert = (page: import("@playwright/test").Page) => page.getByRole("main").getByRole("alert");

test.describe("against a Keystone whose receipts live 20 s", () => {
  const shortSeed = readSeed(shortReceiptKeystone);
  const bob = shortSeed.users.mfa;
  test.use({ baseURL: e2eServers.noServiceAccount });

  test("an expired receipt sends the user back to the password step", async ({ page }) => {
    await signInWithPassword(page, bob);
    // The time left on a 20-second receipt, however long the sign-in took on a busy machine.
    await expect(page.getByRole("timer")).toHaveText(/^0:([01][0-9]|20)$/);
    // The countdown reaches zero, and the browser drops the receipt's cookie (it lives no longer
    // than the receipt).
    await expect(page.getByRole("main")).toContainText("This sign-in has expired", { timeout: 30_000 });
    await expect.poll(async () => (await page.context().cookies()).map((c) => c.name)).not.toContain("mfa-receipt");
    await enterPasscode(page, await generate({ secret: bob.totpSecret! }));
    await expect(page).toHaveURL("/login?reason=receipt-expired");
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "Your sign-in took too long and has expired. Enter your password again.",
    );
  });
});

// Against the main test Keystone: its receipts (5 minutes) outlast a stop and a start on a busy
// machine, which a 20-second one did not always.
test("Keystone stopping during the passcode step gets a clear message, not an error page", async ({ page }) => {
  const bob = seed.users.mfa;
  await signInWithPassword(page, bob);
  await expect(page.getByLabel("Passcode")).toBeVisible();
  keystonectl(testKeystone, "down");
  try {
    await enterPasscode(page, await generate({ secret: bob.totpSecret! }));
    await expect(alert(page)).toHaveText("The identity service is unavailable. Please try again in a moment.");
  } finally {
    keystonectl(testKeystone, "up");
  }
  // The receipt was kept and the passcode not burnt: the same step now succeeds.
  await enterPasscode(page, await generate({ secret: bob.totpSecret! }));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("an expired password leads to a change-password page, then a sign-in with the new one", async ({ page }) => {
  const user = await createTestUser();
  try {
    expirePassword(user.id);
    await signInWithPassword(page, user);
    await expect(page).toHaveURL("/login/change-password");
    await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
    await page.getByLabel("Current password").fill("not-the-password");
    await page.getByLabel("New password", { exact: true }).fill("A-new-password-42");
    await page.getByLabel("Confirm new password").fill("A-new-password-42");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The current password is not correct.")).toBeVisible();
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill("A-new-password-42");
    await page.getByLabel("Confirm new password").fill("A-new-password-43");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The two new passwords do not match.")).toBeVisible();
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill("A-new-password-42");
    await page.getByLabel("Confirm new password").fill("A-new-password-42");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL("/login?reason=password-changed");
    await signInWithPassword(page, { ...user, password: "A-new-password-42" });
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  } finally {
    await user.remove();
  }
});

test("pages carry a nonce-based CSP and the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Every script Next.js wrote carries this response's nonce, and none was blocked.
  const nonces = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
  const violations: string[] = [];
  page.on("console", (m) => m.text().includes("Content Security Policy") && violations.push(m.text()));
  await page.reload();
  await page.getByLabel("Username").fill("x");
  expect(violations).toEqual([]);
  const again = (await page.goto("/login"))!.headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("HSTS is sent when the site is served over https", async ({ request }) => {
  const response = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toContain("max-age=");
});

test("the audit log records each step without a secret", async ({ page }) => {
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    const passcode = await generate({ secret: user.totpSecret! });
    const wrong = await wrongPasscode(user.totpSecret!);
    await signInWithPassword(page, { ...user, password: "wrong-password-xyz" });
    await expect(alert(page)).toBeVisible();
    await signInWithPassword(page, user);
    await enterPasscode(page, wrong);
    await expect(alert(page)).toContainText("not correct");
    await enterPasscode(page, passcode);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const token = await sessionKeystoneToken(page);
    await signOut(page, user.name);

    const text = readFileSync(e2eServers.auditLog, "utf8");
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.userId === user.id);
    expect(mine.map((l) => `${l.event} ${l.outcome}`)).toEqual([
      "login.password mfa_required",
      "login.passcode failure",
      "login.passcode success",
      "logout success",
    ]);
    for (const l of mine) expect(l.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines.some((l) => l.event === "login.password" && l.outcome === "failure" && l.clientAddress)).toBe(true);
    for (const secret of [user.password, "wrong-password-xyz", passcode, wrong, token, user.totpSecret!]) {
      expect(text).not.toContain(secret);
    }
  } finally {
    await user.remove();
  }
});

test("no page shows the Keystone token", async ({ page }) => {
  await signInWithPassword(page, seed.users.admin);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const token = await sessionKeystoneToken(page);
  const session = await page.request.get("/api/auth/session");
  expect(await session.text()).not.toContain(token);
  for (const path of ["/", "/settings/api-access", "/settings/password", "/settings/api-access/clouds.yaml"]) {
    const body = await (await page.request.get(path)).text();
    expect(body).not.toContain(token);
    expect(body).not.toContain(seed.users.admin.password);
  }
});

test("a token revoked behind the dashboard's back ends the session with a message", async ({ page }) => {
  const user = await createTestUser();
  try {
    await signInWithPassword(page, user);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const { createKeystone } = await import("@/lib/keystone");
    await createKeystone({ url: seed.keystoneUrl, timeoutMs: 5000 }).auth.revoke(await sessionKeystoneToken(page));
    await page.goto("/settings/api-access");
    await expect(page).toHaveURL("/login?reason=expired");
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Your session has ended. Please sign in again.");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  } finally {
    await user.remove();
  }
});

test("too many failed passwords from one address are throttled", async ({ browser }) => {
  const user = await createTestUser();
  // One address of its own, so the other tests' failures do not count: through the pair, which
  // trusts this test as its reverse proxy (the main dashboard ignores a client's X-Forwarded-For).
  const context = await browser.newContext({ baseURL: e2eServers.pair[0], extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.7" } });
  const page = await context.newPage();
  try {
    // Names of nobody, so that only the per-address limit applies (each name has its own).
    for (let i = 1; i <= 19; i++) {
      await signInWithPassword(page, { ...user, name: `nobody-${i}`, password: "not-the-password" });
      await expect(alert(page)).toHaveText("The username, password or domain is not correct.");
    }
    await signInWithPassword(page, { ...user, name: "nobody-20", password: "not-the-password" });
    await expect(alert(page)).toHaveText(/Too many failed sign-ins for this account or from your network\. Try again in [45] minutes\./);
    // Even the right password waits now.
    await signInWithPassword(page, user);
    await expect(alert(page)).toHaveText(/Too many failed sign-ins/);
  } finally {
    await context.close();
    await user.remove();
  }
});

test("malformed requests get answers, never a server error", async ({ request }) => {
  const responses = await Promise.all([
    request.post("/api/auth/callback/password", { form: { username: "x" }, maxRedirects: 0 }),
    request.post("/api/auth/callback/totp", { form: { passcode: "1" }, maxRedirects: 0 }),
    request.get("/login/passcode", { maxRedirects: 0 }),
    request.get("/login/change-password", { maxRedirects: 0 }),
    request.get("/login?next=%E0%A4%A", { maxRedirects: 0 }),
    request.get("/settings/api-access/nothing", { maxRedirects: 0 }),
    request.post("/login", { data: "garbage", headers: { "Next-Action": "0".repeat(42) }, maxRedirects: 0 }),
  ]);
  for (const r of responses) expect(r.status(), r.url()).toBeLessThan(500);
});
