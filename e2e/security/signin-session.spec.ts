// Issue 8, observations 13 (sign-in pages) and 16 (sign-in side): the Host header was reflected into
// redirects, the session cookie outlived the Keystone token by a day, "Start over" changed state on
// GET, and /login?reason=constructor answered 500.
import { randomBytes } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
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

test("only this server's sealed, unexpired session gets past the proxy, and the page still asks Keystone", async ({ page, request }) => {
  const salt = "authjs.session-token";
  const seal = (secret: string, expiresAt: Date) =>
    encode({ salt, secret, maxAge: 3600, token: { user: { ...forgedSession(), expiresAt: expiresAt.toISOString() } } });
  const open = (cookie?: string) => request.get("/settings/security", { headers: cookie ? { Cookie: `${salt}=${cookie}` } : {}, maxRedirects: 0 });
  const inAnHour = new Date(Date.now() + 3600_000);

  // Refused at the proxy, to the login page that remembers the way back.
  for (const cookie of [undefined, "garbage", await seal(randomBytes(32).toString("base64"), inAnHour), await seal(process.env.E2E_AUTH_SECRET!, new Date(Date.now() - 1000))]) {
    const answer = await open(cookie);
    expect(answer.status(), String(cookie).slice(0, 20)).toBe(307);
    expect(answer.headers().location).toBe("/login?next=%2Fsettings%2Fsecurity");
  }
  // Sealed with the server's secret but holding a token Keystone never issued: the proxy lets it
  // through, and the page, which validates the token, ends the session.
  const forged = await open(await seal(process.env.E2E_AUTH_SECRET!, inAnHour));
  expect(forged.status()).toBe(307);
  expect(forged.headers().location).toBe("/session-ended");

  // The same request with a real session's cookie: the page.
  await signIn(page, user);
  const real = (await page.context().cookies()).find((c) => c.name === salt)!;
  const answer = await open(real.value);
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toContain("Security");
});

/** A session as the cookie holds it, for a user and a token Keystone does not know. */
const forgedSession = () => ({
  id: "0".repeat(32),
  name: "nobody",
  domain: { id: "default", name: "Default" },
  project: null,
  roles: ["admin"],
  methods: ["password", "totp"],
  keystoneToken: "gAAAAAB-not-a-keystone-token",
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
