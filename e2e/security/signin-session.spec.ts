// Issue 8, observations 13 (sign-in pages) and 16 (sign-in side): the Host header was reflected into
// redirects, the session cookie outlived the Keystone token by a day, "Start over" changed state on
// GET, and /login?reason=constructor answered 500.
import { decode } from "next-auth/jwt";
import { createKeystone } from "@/lib/keystone";
import { adminToken } from "../../tests/support/keystone";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { expect, seed, sessionKeystoneToken, signIn, signInWithPassword, test } from "../support/fixtures";

const keystone = createKeystone({ url: seed.keystoneUrl, timeoutMs: 10_000 });

let user: TestUser;
test.beforeEach(async () => {
  user = await createTestUser();
});
test.afterEach(async () => {
  await user.remove();
});

test("redirects never name the host a request claims to be for", async ({ page, playwright, baseURL }) => {
  const evil = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Host: "evil.example" } });
  try {
    for (const path of ["/session-ended", "/", "/settings/security", "/login/passcode"]) {
      const location = (await evil.get(path, { maxRedirects: 0 })).headers().location ?? "";
      expect(location, path).toMatch(/^\/[^/\\]/);
    }
    // A signed-in user whose token was revoked: the sign-out redirect is relative too.
    await signIn(page, user);
    await keystone.auth.revoke(await sessionKeystoneToken(page));
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const answer = await evil.get("/session-ended", { headers: { Cookie: cookie }, maxRedirects: 0 });
    expect(answer.headers().location).toBe("/login?reason=expired");
  } finally {
    await evil.dispose();
  }
});

test("the session cookie and the session inside it end when the Keystone token does", async ({ page }) => {
  await signIn(page, user);
  const cookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")!;
  const expiresAt = Date.parse((await keystone.auth.validate(await sessionKeystoneToken(page))).expires_at) / 1000;
  expect(cookie.expires).toBeGreaterThan(Date.now() / 1000);
  expect(cookie.expires).toBeLessThanOrEqual(expiresAt + 1);
  const jwt = await decode({ token: cookie.value, secret: process.env.E2E_AUTH_SECRET!, salt: cookie.name });
  expect(jwt!.exp).toBeLessThanOrEqual(expiresAt + 1);

  // Switching project keeps both bounds (a rescoped token expires with the one it came from).
  const token = await adminToken();
  const [member] = await keystone.roles.list(token, "member");
  await keystone.roles.assignOnProject(token, seed.projects.web, user.id, member.id);
  await page.reload();
  await page.getByLabel("Project", { exact: true }).selectOption({ label: "web" });
  await expect(page.getByRole("row", { name: /web/ })).toContainText("Current");
  const again = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")!;
  expect(again.value).not.toBe(cookie.value);
  expect(again.expires).toBeLessThanOrEqual(expiresAt + 1);
});

test("Start over is a form post: a GET (a link, an image, a prefetch) leaves the sign-in alone", async ({ page }) => {
  const mfa = await createTestUser({ rules: [["password", "totp"]] });
  try {
    await signInWithPassword(page, mfa);
    await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
    expect((await page.request.get("/login/start-over", { maxRedirects: 0 })).status()).toBe(405);
    expect((await page.context().cookies()).some((c) => c.name === "mfa-receipt")).toBe(true);
    await page.getByRole("button", { name: "Start over" }).click();
    await expect(page).toHaveURL("/login");
    expect((await page.context().cookies()).some((c) => c.name === "mfa-receipt")).toBe(false);
  } finally {
    await mfa.remove();
  }
});

test("sign-in pages answer any query without a server error", async ({ request }) => {
  for (const value of ["constructor", "__proto__", "hasOwnProperty", "toString", "valueOf", "prototype", "%00", "a".repeat(5000)]) {
    for (const path of [`/login?reason=${value}`, `/login?next=${value}&reason=${value}`, `/login/passcode?next=${value}`, `/session-ended?x=${value}`]) {
      const answer = await request.get(path, { maxRedirects: 0 });
      expect(answer.status(), path).toBeLessThan(500);
    }
  }
  const notice = await request.get("/login?reason=signed-out");
  expect(await notice.text()).toContain("You have signed out.");
});
