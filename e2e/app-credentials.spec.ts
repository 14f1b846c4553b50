import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { CLI_REFUSAL } from "@/lib/mfa/application-credentials";
import { e2eServers } from "../tests/support/e2e-servers";
import { adminToken, keystone } from "../tests/support/keystone";
import { createTestUser, type TestUser } from "../tests/support/users";
import { ENFORCED_RULES, enterPasscode, expect, nextPasscode, screenshot, screenshotLightDarkPhone, seed, seriousA11yViolations, signIn, signInWithPassword, test } from "./support/fixtures";
import { saveRecoveryCodes } from "./support/recovery";

const PAGE = "/settings/api-access/application-credentials";
const createCard = (page: Page) => page.getByRole("region", { name: "Create an application credential" });
const listCard = (page: Page) => page.getByRole("region", { name: /^Your application credentials/ });

/** What Keystone holds: the names of the user's application credentials. */
async function namesInKeystone(userId: string): Promise<string[]> {
  return (await keystone.applicationCredentials.list(await adminToken(), userId)).map((c) => c.name).sort();
}

/** A datetime-local value (UTC) this many days from now. */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

/**
 * Every answer the page gets, body included, fetched through Playwright: the browser drops the
 * bodies of answers to a page that navigated or downloaded since.
 */
async function recordResponses(page: Page) {
  const recorded: { method: string; url: string; body: string }[] = [];
  await page.route("**/*", async (route) => {
    const response = await route.fetch();
    recorded.push({ method: route.request().method(), url: route.request().url(), body: await response.text() });
    await route.fulfill({ response });
  });
  return recorded;
}

async function submitCreate(page: Page, fields: { name: string; expires?: string; passcode?: string }) {
  const card = createCard(page);
  await card.getByLabel("Name", { exact: true }).fill(fields.name);
  await card.getByLabel("Expires (UTC, optional)").fill(fields.expires ?? "");
  if (fields.passcode !== undefined) await card.getByLabel("Current passcode").fill(fields.passcode);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith(PAGE)),
    card.getByRole("button", { name: "Create application credential" }).click(),
  ]);
}

/** The secret as the page shows it once, and the clouds.yaml it offers, saved where the CLI reads it. */
async function savedCredential(page: Page) {
  const panel = page.getByRole("region", { name: /Application credential “.+” created/ });
  await expect(panel).toBeVisible();
  // Focus moves to it, so a keyboard or screen-reader user lands on the secret.
  await expect(panel.getByRole("heading")).toBeFocused();
  const secret = await panel.getByRole("textbox", { name: "Secret" }).inputValue();
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download clouds.yaml" }).click()]);
  expect(download.suggestedFilename()).toBe("clouds.yaml");
  const dir = mkdtempSync(join(tmpdir(), "appcred-"));
  await download.saveAs(join(dir, "clouds.yaml"));
  const [openrc] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download openrc" }).click()]);
  await openrc.saveAs(join(dir, "openrc.sh"));
  const cloud = /--os-cloud (\S+) token issue/.exec((await panel.textContent())!)![1];
  return { panel, secret, dir, cloud };
}

/** `openstack --os-cloud CLOUD token issue` with that clouds.yaml, as a user would run it. */
function tokenIssue(dir: string, cloud: string) {
  return spawnSync("openstack", ["--os-cloud", cloud, "token", "issue", "-f", "value", "-c", "user_id"], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, OS_CLIENT_CONFIG_FILE: join(dir, "clouds.yaml") },
  });
}

/** Signs in a user whose rules need a passcode, with the current one. */
async function signInWithMfa(page: Page, user: TestUser) {
  await signInWithPassword(page, user);
  await enterPasscode(page, await generate({ secret: user.totpSecret! }));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

let user: TestUser;
test.afterEach(async () => {
  await user?.remove();
});

test("an MFA-enforced user creates an application credential, and the openstack CLI signs in with its clouds.yaml", async ({ page }) => {
  user = await createTestUser({ rules: ENFORCED_RULES });
  await signInWithMfa(page, user);
  await page.goto("/settings/security");
  await expect(page.getByRole("region", { name: "Multi-factor authentication" })).toContainText("Application credentials work");
  await page.goto("/settings/api-access");
  await page.getByRole("link", { name: "Manage application credentials" }).click();
  await expect(page).toHaveURL(PAGE);
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Application credentials work");
  await expect(listCard(page)).toContainText("No application credentials.");
  await expect(createCard(page).getByText("Warning: an unrestricted credential")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshotLightDarkPhone(page, "app-credentials-empty");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });

  // Bad input: a clear message, and nothing in Keystone. None of these needs the passcode.
  await submitCreate(page, { name: "  " });
  await expect(createCard(page).getByRole("alert")).toContainText("Nothing was created: Enter a name");
  await expect(createCard(page).getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await submitCreate(page, { name: "ci", expires: "2020-01-01T00:00" });
  await expect(createCard(page).getByRole("alert")).toContainText("The expiry is in the past");
  // A role the user does not have on the project, as a tampered form would send it.
  await createCard(page).locator("form").evaluate((form) => form.insertAdjacentHTML("beforeend", '<input type="hidden" name="role" value="admin">'));
  await submitCreate(page, { name: "ci" });
  await expect(createCard(page).getByRole("alert")).toContainText("You do not have the role “admin” on this project");
  await screenshot(page, "app-credentials-refused");
  expect(await namesInKeystone(user.id)).toEqual([]);

  // The answer to the create carries the secret; from here on, no response may.
  await page.reload();
  const recorded = await recordResponses(page);
  await submitCreate(page, { name: "ci deploy", expires: daysFromNow(30), passcode: await nextPasscode(user.totpSecret!) });
  const { panel, secret, dir, cloud } = await savedCredential(page);
  expect(secret).toMatch(/^\S{20,}$/);
  await screenshotLightDarkPhone(page, "app-credentials-created");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
  expect(await namesInKeystone(user.id)).toEqual(["ci deploy"]);
  expect(readFileSync(join(dir, "clouds.yaml"), "utf8")).toContain("auth_type: v3applicationcredential");

  const cli = tokenIssue(dir, cloud);
  expect(cli.stderr).toBe("");
  expect(cli.stdout.trim()).toBe(user.id);
  // The openrc works too, sourced in bash.
  const openrc = execFileSync("bash", ["-c", `source ${join(dir, "openrc.sh")} && openstack token issue -f value -c user_id`], { encoding: "utf8", timeout: 60_000 });
  expect(openrc.trim()).toBe(user.id);

  // The same name again: refused in words, and still one credential.
  await panel.getByRole("button", { name: "I have saved the secret" }).click();
  await expect(panel).toBeHidden();
  await submitCreate(page, { name: "ci deploy" });
  await expect(createCard(page).getByRole("alert")).toContainText("You already have an application credential named “ci deploy”");
  expect(await namesInKeystone(user.id)).toEqual(["ci deploy"]);

  await page.reload();
  const row = listCard(page).getByRole("row", { name: /ci deploy/ });
  await expect(row).toContainText("demo");
  await expect(row).toContainText("member, reader");
  await expect(row).toContainText(" UTC");
  await screenshot(page, "app-credentials-list");
  expect(await page.content()).not.toContain(secret);

  // Deleting asks first, then the CLI is refused at once.
  await row.getByText("Delete…").click();
  await row.getByRole("button", { name: "Delete “ci deploy”" }).click();
  await expect(listCard(page)).toContainText("No application credentials.");
  expect(await namesInKeystone(user.id)).toEqual([]);
  expect(tokenIssue(dir, cloud).status).not.toBe(0);

  // The create's own answer carries the secret, and nothing else: not the pages, not the deletes.
  expect(recorded.length).toBeGreaterThan(5);
  expect(recorded.filter((r) => r.body.includes(secret)).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`POST ${PAGE}`]);
  const audit = readFileSync(e2eServers.auditLog, "utf8");
  expect(audit).toContain('"app_credential.change"');
  expect(audit).not.toContain(secret);
});

test("the MFA openrc, sourced in bash with the answers piped in, runs openstack project list", async ({ page }) => {
  user = await createTestUser({ rules: ENFORCED_RULES });
  await signInWithMfa(page, user);
  const openrc = await (await page.request.get("/settings/api-access/openrc.sh")).text();
  const file = join(mkdtempSync(join(tmpdir(), "openrc-")), "openrc.sh");
  writeFileSync(file, openrc);
  const passcode = await nextPasscode(user.totpSecret!);
  const out = execFileSync(
    "bash",
    ["-c", `source ${file} && echo "auth=$OS_AUTH_TYPE password=\${OS_PASSWORD:-none}" && openstack project list -f value -c Name`],
    { encoding: "utf8", input: `${user.password}\n${passcode}\n`, timeout: 60_000 },
  );
  expect(out).toContain("auth=v3token password=none");
  expect(out.split("\n")).toContain("demo");
});

test("an administrator sees a user's application credentials, whether they work, and deletes one", async ({ page }) => {
  // A credential made before the user's rules came to need a passcode, as Keystone keeps it.
  user = await createTestUser({ totp: true });
  const { token } = await keystone.auth.password({ username: user.name, password: user.password, domain: "Default" }, { project: { id: seed.projects.demo } });
  await keystone.applicationCredentials.create(token, user.id, { name: "nightly", roles: [{ name: "reader" }], unrestricted: false });
  await keystone.users.update(await adminToken(), user.id, { options: { multi_factor_auth_rules: [["password", "totp"]] } });
  await signIn(page, seed.users.admin);
  await page.goto(`/identity/users/${user.id}`);
  const card = page.getByRole("region", { name: "Application credentials (1)" });
  await expect(card).toContainText("Keystone refuses this user's application credentials");
  await expect(card.getByRole("row", { name: /nightly/ })).toContainText("demo");
  await screenshot(page, "admin-app-credentials");
  await card.getByText("Delete…").click();
  await card.getByRole("button", { name: "Delete “nightly”" }).click();
  await expect(page.getByRole("region", { name: "Application credentials (0)" })).toContainText("No application credentials.");
  expect(await namesInKeystone(user.id)).toEqual([]);
  const audit = readFileSync(e2eServers.auditLog, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(audit.at(-1)).toMatchObject({ event: "admin.change", details: { action: "delete application credential", targetId: user.id, credentialName: "nightly" } });
});

test.describe("with MFA_ALLOW_APPLICATION_CREDENTIALS=false", () => {
  test.use({ baseURL: e2eServers.noApplicationCredentials });

  test("enforcing MFA leaves application credentials refused, and the page says why", async ({ page }) => {
    user = await createTestUser();
    await signIn(page, user);
    await page.goto("/settings/security");
    await page.getByRole("button", { name: "Set up authenticator" }).click();
    const secret = (await page.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
    await page.getByLabel("Passcode", { exact: true }).fill(await generate({ secret }));
    await page.getByRole("button", { name: "Activate" }).click();
    await saveRecoveryCodes(page);
    await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor sign-in is on");
    expect((await keystone.users.get(await adminToken(), user.id)).options.multi_factor_auth_rules).toEqual([["password", "totp"]]);
    await expect(page.getByRole("region", { name: "Multi-factor authentication" })).toContainText("Keystone refuses your application credentials");

    await page.goto(PAGE);
    const why = page.getByRole("main").getByRole("status").first();
    await expect(why).toContainText("Keystone refuses your application credentials");
    await expect(why).toContainText("This dashboard is set not to add that rule");
    await submitCreate(page, { name: "refused", passcode: await nextPasscode(secret) });
    const { panel, dir, cloud } = await savedCredential(page);
    await expect(panel).toContainText("Keystone refuses your application credentials");
    await screenshot(page, "app-credentials-refused-by-rules");
    const cli = tokenIssue(dir, cloud);
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain(CLI_REFUSAL);
  });
});
