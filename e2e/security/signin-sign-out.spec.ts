// Issue 8, observation 9: Auth.js's own POST /api/auth/signout cleared the cookie but left the Keystone
// token valid, and wrote no audit line. Now every sign-out goes through one place that revokes the
// token and writes the line; Auth.js's endpoint does not exist.
import type { Browser, BrowserContext } from "@playwright/test";
import { createKeystone } from "@/lib/keystone";
import { e2eServers } from "../../tests/support/e2e-servers";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { expect, seed, sessionKeystoneToken, signIn, signOut, test } from "../support/fixtures";
import { auditLines } from "./signin-requests";

const keystone = createKeystone({ url: seed.keystoneUrl, timeoutMs: 10_000 });
const isValid = (token: string) => keystone.auth.validate(token).then(() => true, () => false);
const logoutLines = (user: TestUser) => auditLines(e2eServers.auditLog).filter((l) => l.event === "logout" && l.userId === user.id);

let user: TestUser;
test.beforeEach(async () => {
  user = await createTestUser();
});
test.afterEach(async () => {
  await user.remove();
});

/** After a sign-out, the session cookie as it was before opens nothing. */
async function oldCookieOpensNothing(browser: Browser, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const again = await replay.newPage();
  await again.goto("/settings/api-access");
  await expect(again).toHaveURL(/\/login/);
  await replay.close();
}

test("Auth.js's sign-out endpoint does not exist, so it cannot pretend to end a session", async ({ page }) => {
  await signIn(page, user);
  const token = await sessionKeystoneToken(page);
  const csrf = await page.request.get("/api/auth/csrf");
  const csrfToken = csrf.ok() ? ((await csrf.json()) as { csrfToken: string }).csrfToken : "";
  const answer = await page.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
  expect(answer.status()).toBe(404);
  // Nothing changed: the session and its token are as they were.
  expect(await sessionKeystoneToken(page)).toBe(token);
  expect(await isValid(token)).toBe(true);
});

test("signing out through the account menu revokes the token and writes one audit line", async ({ page, browser }) => {
  await signIn(page, user);
  const token = await sessionKeystoneToken(page);
  const cookies = await page.context().cookies();
  await signOut(page, user.name);
  expect(await isValid(token)).toBe(false);
  expect(logoutLines(user).map((l) => `${l.outcome} ${l.reason}`)).toEqual(["success token revoked"]);
  await oldCookieOpensNothing(browser, cookies);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the sign-out form revokes the token and writes one audit line", async ({ page, browser }) => {
    await signIn(page, user);
    const token = await sessionKeystoneToken(page);
    const cookies = await page.context().cookies();
    await page.getByText(user.name, { exact: true }).first().click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?reason=signed-out/);
    expect(await isValid(token)).toBe(false);
    expect(logoutLines(user)).toHaveLength(1);
    await oldCookieOpensNothing(browser, cookies);
  });
});

test("a session whose token was revoked behind the dashboard's back ends with an audit line", async ({ page }) => {
  await signIn(page, user);
  await keystone.auth.revoke(await sessionKeystoneToken(page));
  await page.goto("/settings/api-access");
  await expect(page).toHaveURL("/login?reason=expired");
  expect((await page.context().cookies()).some((c) => c.name === "authjs.session-token")).toBe(false);
  const lines = logoutLines(user);
  expect(lines).toHaveLength(1);
  expect(lines[0].reason).toBe("token no longer valid");
});
