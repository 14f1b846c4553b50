import { createKeystone, KeystoneError } from "@/lib/keystone";
import { expect, screenshot, screenshotLightDarkPhone, seed, sessionKeystoneToken, signInWithPassword, signOut, test } from "./support/fixtures";

const { admin, member } = seed.users;
const keystone = createKeystone({ url: seed.keystoneUrl, timeoutMs: 10_000 });

test("the login page, in light, dark and phone sizes", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Username")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await page.getByText("Domain:").click();
  await expect(page.getByLabel("Domain")).toHaveValue("Default");
  await page.getByText("Domain:").click();
  await screenshotLightDarkPhone(page, "login");
});

test("the seeded admin signs in and sees the Overview", async ({ page }) => {
  await signInWithPassword(page, admin);
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const projects = page.getByRole("table");
  for (const name of ["admin", "demo", "web"]) await expect(projects.getByRole("rowheader", { name })).toBeVisible();
  await expect(projects.getByRole("row", { name: /demo/ })).toContainText("admin");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await screenshotLightDarkPhone(page, "overview");
});

test("a wrong password and an unknown user get the same message", async ({ page }) => {
  await signInWithPassword(page, { ...member, password: "wrong-password" });
  const message = page.getByRole("main").getByRole("alert");
  await expect(message).toHaveText("The username, password or domain is not correct.");
  await expect(page.getByLabel("Username")).toHaveValue(member.name);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await screenshot(page, "login-error");
  await signInWithPassword(page, { ...member, name: "nobody-at-all" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The username, password or domain is not correct.");
});

test("a user in another domain signs in through the domain field", async ({ page }) => {
  await signInWithPassword(page, seed.users.research);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("rowheader", { name: "lab" })).toBeVisible();
});

test("signing out revokes the Keystone token", async ({ page }) => {
  await signInWithPassword(page, member);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const token = await sessionKeystoneToken(page);
  expect((await keystone.auth.validate(token)).user.id).toBe(member.id);
  await signOut(page, member.name);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("You have signed out.");
  const error = await keystone.auth.validate(token).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KeystoneError);
  expect((error as KeystoneError).kind).toBe("unauthorized");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a deep link survives the login, and an outside one does not", async ({ page }) => {
  await page.goto("/settings/api-access");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fapi-access/);
  await page.getByLabel("Username").fill(member.name);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/settings/api-access");
  await expect(page.getByLabel("clouds.yaml contents")).toContainText(`username: "${member.name}"`);
  await page.context().clearCookies();
  await page.goto("/login?next=//evil.example/steal");
  await page.getByLabel("Username").fill(member.name);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/");
});

test("the project switcher rescopes the session", async ({ page }) => {
  await signInWithPassword(page, member);
  const switcher = page.getByLabel("Project", { exact: true });
  await expect(switcher).toHaveValue(seed.projects.demo);
  await switcher.selectOption({ label: "web" });
  await expect(page.getByRole("row", { name: /web/ })).toContainText("Current");
  await expect(page.getByLabel("Project", { exact: true })).toHaveValue(seed.projects.web);
  const info = await keystone.auth.validate(await sessionKeystoneToken(page));
  expect(info.project?.id).toBe(seed.projects.web);
});

test("a member sees no Identity panels", async ({ page }) => {
  await signInWithPassword(page, member);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(nav.getByText("Identity")).toHaveCount(0);
});

test("the keyboard alone signs in, then signs out through the account menu", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.type(member.name);
  await page.keyboard.press("Tab");
  await page.keyboard.type(member.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  // Tab through the page to the account menu, open it with Enter and choose Sign out.
  const menu = page.locator("summary", { hasText: member.name });
  for (let i = 0; i < 20 && !(await menu.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main").getByRole("status")).toHaveText("You have signed out.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the password form still signs in", async ({ page }) => {
    await signInWithPassword(page, member);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  });
});
