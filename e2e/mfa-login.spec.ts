import { createKeystone } from "@/lib/keystone";
import { generate } from "otplib";
import { adminToken } from "../tests/support/keystone";
import { createTestUser, type TestUser } from "../tests/support/users";
import {
  enterPasscode,
  expect,
  screenshot,
  seed,
  seriousA11yViolations,
  sessionKeystoneToken,
  signInWithPassword,
  signOut,
  test,
  wrongPasscode,
} from "./support/fixtures";

const keystone = createKeystone({ url: seed.keystoneUrl, timeoutMs: 10_000 });
const alert = (page: import("@playwright/test").Page) => page.getByRole("main").getByRole("alert");

let user: TestUser;
test.beforeEach(async () => {
  user = await createTestUser({ rules: [["password", "totp"]] });
});
test.afterEach(async () => {
  await user.remove();
});

test("a user with MFA signs in with password then passcode", async ({ page }) => {
  await signInWithPassword(page, user);
  await expect(page).toHaveURL("/login/passcode");
  await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
  const input = page.getByLabel("Passcode");
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute("inputmode", "numeric");
  await expect(input).toHaveAttribute("autocomplete", "one-time-code");
  await expect(page.getByRole("timer")).toHaveText(/^[0-4]:[0-5][0-9]$/);
  await expect(page.getByRole("button", { name: "Start over" })).toBeVisible();
  await screenshot(page, "passcode");
  const code = await generate({ secret: user.totpSecret! });
  await enterPasscode(page, `${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("password + authenticator passcode")).toBeVisible();
  const info = await keystone.auth.validate(await sessionKeystoneToken(page));
  expect(info.methods).toEqual(expect.arrayContaining(["password", "totp"]));
});

test("the receipt stays on the server: no script can read it", async ({ page }) => {
  await signInWithPassword(page, user);
  await expect(page).toHaveURL("/login/passcode");
  const cookies = await page.context().cookies();
  const receipt = cookies.find((c) => c.name === "mfa-receipt");
  expect(receipt?.httpOnly).toBe(true);
  expect(receipt?.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).toBe("");
  const html = await page.content();
  expect(html).not.toContain(receipt!.value);
});

test("a wrong passcode gets a clear message and the right one still works", async ({ page }) => {
  await signInWithPassword(page, user);
  await enterPasscode(page, await wrongPasscode(user.totpSecret!));
  await expect(alert(page)).toHaveText("That passcode is not correct. Check your authenticator app and try again (4 attempts left).");
  await screenshot(page, "passcode-wrong");
  await enterPasscode(page, "12a456");
  await expect(alert(page)).toHaveText("Enter the 6-digit passcode from your authenticator app.");
  await enterPasscode(page, await generate({ secret: user.totpSecret! }));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("a passcode that was accepted is refused when presented again", async ({ page }) => {
  const code = await generate({ secret: user.totpSecret! });
  await signInWithPassword(page, user);
  await enterPasscode(page, code);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.context().clearCookies();
  await signInWithPassword(page, user);
  await enterPasscode(page, code);
  await expect(alert(page)).toHaveText("That passcode has already been used. Wait for your app to show the next one.");
});

test("after five wrong passcodes the user must start over and wait", async ({ page }) => {
  await signInWithPassword(page, user);
  const wrong = await wrongPasscode(user.totpSecret!);
  for (let left = 4; left >= 1; left--) {
    await enterPasscode(page, wrong);
    await expect(alert(page)).toContainText(`(${left} ${left === 1 ? "attempt" : "attempts"} left)`);
  }
  await enterPasscode(page, wrong);
  await expect(alert(page)).toHaveText(/Too many wrong passcodes\. Start over in [45] minutes\./);
  await expect(page.getByLabel("Passcode")).toHaveCount(0);
  await page.getByRole("button", { name: "Start over" }).click();
  await signInWithPassword(page, user);
  // No sixth passcode: the passcode step itself says to wait.
  await expect(alert(page)).toHaveText(/Too many wrong passcodes/);
  await expect(page.getByLabel("Passcode")).toHaveCount(0);
  await screenshot(page, "passcode-blocked");
});

test("start over drops the receipt", async ({ page }) => {
  await signInWithPassword(page, user);
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(page).toHaveURL("/login");
  expect((await page.context().cookies()).find((c) => c.name === "mfa-receipt")).toBeUndefined();
  await page.goto("/login/passcode");
  await expect(page).toHaveURL("/login?reason=receipt-expired");
});

test("sign out revokes the token; rescoping keeps the MFA methods", async ({ page }) => {
  const token = await adminToken();
  const [member] = await keystone.roles.list(token, "member");
  await keystone.roles.assignOnProject(token, seed.projects.web, user.id, member.id);
  await signInWithPassword(page, user);
  await enterPasscode(page, await generate({ secret: user.totpSecret! }));
  await page.getByLabel("Project", { exact: true }).selectOption({ label: "web" });
  await expect(page.getByRole("row", { name: /web/ })).toContainText("Current");
  const rescoped = await sessionKeystoneToken(page);
  const info = await keystone.auth.validate(rescoped);
  expect(info.project?.name).toBe("web");
  expect(info.methods).toEqual(expect.arrayContaining(["password", "totp"]));
  await signOut(page, user.name);
  await expect(keystone.auth.validate(rescoped)).rejects.toMatchObject({ kind: "unauthorized" });
});

test("an account that needs a method the dashboard lacks is told so", async ({ page }) => {
  const appCredUser = await createTestUser({ rules: [["password", "application_credential"]] });
  try {
    await signInWithPassword(page, appCredUser);
    await expect(page.getByRole("heading", { name: "More verification needed" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("an application credential");
    await expect(page.getByLabel("Passcode")).toHaveCount(0);
  } finally {
    await appCredUser.remove();
  }
});

test("the keyboard alone completes both steps", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.type(user.name);
  await page.keyboard.press("Tab");
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Passcode")).toBeFocused();
  await page.keyboard.type(await generate({ secret: user.totpSecret! }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("both steps have no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await signInWithPassword(page, user);
  await expect(page.getByLabel("Passcode")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("both steps work as plain form posts", async ({ page }) => {
    await signInWithPassword(page, user);
    await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
    await enterPasscode(page, await generate({ secret: user.totpSecret! }));
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  });
});
