import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { generate } from "otplib";
import { MfaRequiredError } from "@/lib/keystone";
import { createTestGroup } from "../tests/support/groups";
import { adminToken, keystone } from "../tests/support/keystone";
import { createTestUser, type TestUser } from "../tests/support/users";
import { ENFORCED_RULES, expect, screenshot, seed, seriousA11yViolations, signIn, signInWithPassword, test } from "./support/fixtures";
import { saveRecoveryCodes } from "./support/recovery";

/** How Keystone answers a password-only sign-in: a token, or a receipt asking for more. */
async function passwordOnly(user: TestUser): Promise<"token" | "receipt"> {
  try {
    await keystone.auth.password({ username: user.name, password: user.password, domain: "Default" });
    return "token";
  } catch (e) {
    if (e instanceof MfaRequiredError) return "receipt";
    throw e;
  }
}

async function keystoneMfa(userId: string) {
  const token = await adminToken();
  const [user, credentials] = await Promise.all([keystone.users.get(token, userId), keystone.credentials.list(token, userId)]);
  return { enabled: user.options.multi_factor_auth_enabled ?? null, rules: user.options.multi_factor_auth_rules ?? null, authenticators: credentials.length };
}

async function confirm(page: Page, action: "enforce" | "disable" | "reset", user: TestUser, requireEnrolment = false) {
  await page.goto(`/identity/users?q=${user.name}`);
  const label = { enforce: `Enforce MFA for ${user.name}`, disable: `Disable MFA for ${user.name}`, reset: `Reset authenticators of ${user.name}` }[action];
  await page.getByRole("link", { name: label }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(": 1 user");
  if (requireEnrolment) await page.getByLabel(/Require enrolment at next sign-in/).check();
  await page.getByRole("button", { name: { enforce: "Enforce MFA", disable: "Disable MFA", reset: "Reset authenticators" }[action] }).click();
  await expect(page.getByRole("heading", { name: "Result" })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, seed.users.admin);
});

test("the Users table shows every user's MFA, filtered, sorted and paged", async ({ page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const bob = page.getByRole("row", { name: new RegExp(seed.users.mfa.name) });
  await expect(bob).toContainText("Enforced");
  await expect(bob).toContainText("password + passcode");
  await screenshot(page, "admin-users");
  await page.getByLabel("MFA").selectOption("enforced");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/mfa=enforced/);
  // The table streams in after the page's loading shell.
  await expect(page.getByRole("table", { name: /Users, \d+ matching/ })).toBeVisible();
  const states = await page.locator("tbody tr td:nth-child(5)").allTextContents();
  expect(states.length).toBeGreaterThan(0);
  for (const s of states) expect(s).toMatch(/^Enforced/);
  await page.getByLabel("Name", { exact: true }).fill(seed.users.member.name);
  await page.getByLabel("MFA").selectOption("");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.goto("/identity/users?sort=name&dir=desc");
  const names = await page.locator("tbody th").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("enforce, disable and reset, each checked against Keystone", async ({ page }) => {
  const user = await createTestUser({ totp: true });
  try {
    expect(await passwordOnly(user)).toBe("token");
    await confirm(page, "enforce", user);
    await expect(page.getByRole("main")).toContainText("MFA enforced.");
    expect(await passwordOnly(user)).toBe("receipt");

    await confirm(page, "disable", user);
    await expect(page.getByRole("main")).toContainText("MFA disabled");
    expect(await passwordOnly(user)).toBe("token");
    expect(await keystoneMfa(user.id)).toEqual({ enabled: false, rules: ENFORCED_RULES, authenticators: 1 });

    await confirm(page, "reset", user);
    await expect(page.getByRole("main")).toContainText("Authenticators reset (1 removed)");
    expect(await keystoneMfa(user.id)).toEqual({ enabled: null, rules: null, authenticators: 0 });
    expect(await passwordOnly(user)).toBe("token");
  } finally {
    await user.remove();
  }
});

test("the lockout guard refuses to enforce MFA on a user without an authenticator", async ({ page }) => {
  const user = await createTestUser();
  try {
    await confirm(page, "enforce", user);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("would lock them out");
    await screenshot(page, "admin-lockout-guard");
    expect(await keystoneMfa(user.id)).toEqual({ enabled: null, rules: null, authenticators: 0 });
    expect(await passwordOnly(user)).toBe("token");

    await confirm(page, "enforce", user, true);
    await expect(page.getByRole("main")).toContainText("sets up an authenticator at next sign-in");
    await page.goto(`/identity/users?q=${user.name}`);
    await expect(page.getByRole("row", { name: new RegExp(user.name) })).toContainText("Enforced, enrols at next sign-in");
  } finally {
    await user.remove();
  }
});

test("a group policy enforces enrolled members, marks the others, and catches later members at sign-in", async ({ page, browser }) => {
  const group = await createTestGroup();
  const enrolled = await createTestUser({ totp: true });
  const notEnrolled = await createTestUser();
  const later = await createTestUser();
  try {
    await group.addMember(enrolled.id);
    await group.addMember(notEnrolled.id);
    await page.goto(`/identity/groups/${group.id}`);
    await expect(page.getByRole("main")).toContainText("0 of 2 members compliant");
    await page.getByRole("button", { name: "Require MFA" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("MFA is now required");
    await page.reload();
    await expect(page.getByRole("main")).toContainText("1 of 2 members compliant");
    await expect(page.getByRole("row", { name: new RegExp(notEnrolled.name) })).toContainText("Enforced, enrols at next sign-in");
    await screenshot(page, "admin-group-policy");
    expect(await passwordOnly(enrolled)).toBe("receipt");
    expect(await passwordOnly(notEnrolled)).toBe("receipt");
    expect((await keystone.identity.group(await adminToken(), group.id)).mfa_required).toBe(true);

    const csv = await (await page.request.get(`/identity/coverage/group/${group.id}`)).text();
    expect(csv.split("\n")[0]).toBe("user,domain,enabled,mfa,authenticators,compliant");
    expect(csv).toContain(`"${enrolled.name}","Default","yes","enforced","1","yes"`);
    expect(csv).toContain(`"${notEnrolled.name}","Default","yes","enrolment pending","0","no"`);

    // Joins after the policy: caught at the next sign-in and enrolled on the spot.
    await group.addMember(later.id);
    expect(await passwordOnly(later)).toBe("token");
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInWithPassword(other, later);
    await expect(other.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
    const secret = (await other.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
    await other.getByLabel("Passcode").fill(await generate({ secret }));
    await other.getByRole("button", { name: "Activate" }).click();
    await saveRecoveryCodes(other);
    await expect(other.getByRole("heading", { name: "Overview" })).toBeVisible();
    await context.close();
    expect(await passwordOnly(later)).toBe("receipt");
  } finally {
    // One by one: Keystone on SQLite with several workers can refuse concurrent writes.
    for (const thing of [group, enrolled, notEnrolled, later]) await thing.remove();
  }
});

/** The server-action form of an admin page as a browser without script would post it. */
async function formOf(browser: Browser, path: string, button: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, seed.users.admin);
  await page.goto(path);
  const fields = await page.getByRole("button", { name: button }).evaluate((b) => {
    const form = (b as HTMLButtonElement).form!;
    return [...new FormData(form).entries()].map(([k, v]) => [k, String(v)]);
  });
  await context.close();
  return Object.fromEntries(fields) as Record<string, string>;
}

async function postForm(request: APIRequestContext, path: string, fields: Record<string, string>) {
  const response = await request.post(path, { multipart: fields, maxRedirects: 0 });
  expect(response.status()).toBeLessThan(500);
}

test("a member calling each admin action directly is refused and Keystone is unchanged", async ({ browser }) => {
  const target = await createTestUser({ totp: true });
  const group = await createTestGroup();
  try {
    await group.addMember(target.id);
    const enforce = await formOf(browser, `/identity/users/confirm?action=enforce&id=${target.id}`, "Enforce MFA");
    const removeAuthenticator = await formOf(browser, `/identity/users/${target.id}`, "Remove authenticator 1");
    const addRule = await formOf(browser, `/identity/users/${target.id}`, "Add rule");
    const policy = await formOf(browser, `/identity/groups/${group.id}`, "Require MFA");
    const before = await keystoneMfa(target.id);

    const member = await browser.newContext();
    const page = await member.newPage();
    await signIn(page, seed.users.member);
    await postForm(page.request, `/identity/users/confirm?action=enforce&id=${target.id}`, enforce);
    await postForm(page.request, `/identity/users/${target.id}`, removeAuthenticator);
    await postForm(page.request, `/identity/users/${target.id}`, { ...addRule, method: "totp" });
    await postForm(page.request, `/identity/groups/${group.id}`, policy);
    for (const path of ["/identity/users", `/identity/users/${target.id}`, `/identity/groups/${group.id}`, "/identity/activity"]) {
      expect((await page.request.get(path)).status()).toBe(404);
    }
    expect((await page.request.get(`/identity/coverage/group/${group.id}`)).status()).toBe(404);
    await member.close();

    expect(await keystoneMfa(target.id)).toEqual(before);
    expect(before.rules).toBeNull();
    expect((await keystone.identity.group(await adminToken(), group.id)).mfa_required ?? null).toBeNull();

    // The same replayed request from the admin's session does change Keystone: the replay is real.
    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await signIn(adminPage, seed.users.admin);
    await postForm(adminPage.request, `/identity/users/confirm?action=enforce&id=${target.id}`, enforce);
    await admin.close();
    expect((await keystoneMfa(target.id)).rules).toEqual(ENFORCED_RULES);
  } finally {
    await group.remove();
    await target.remove();
  }
});

test("admin changes appear on the Activity page, and the admin pages pass axe", async ({ page }) => {
  const user = await createTestUser({ totp: true });
  try {
    await confirm(page, "enforce", user);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    const row = page.getByRole("row", { name: new RegExp(`targetName: ${user.name}`) }).first();
    await expect(row).toContainText("admin.change");
    await expect(row).toContainText("mfaBefore: registered, mfaAfter: enforced");
    await expect(row).toContainText(seed.users.admin.name);
    for (const path of ["/identity/activity", "/identity/groups", "/identity/domains", "/identity/projects", `/identity/users/${user.id}`, `/identity/domains/${seed.domains.Default}`]) {
      await page.goto(path);
      expect((await seriousA11yViolations(page)).map((v) => `${path} ${v}`)).toEqual([]);
    }
    await page.goto(`/identity/users/${user.id}`);
    await screenshot(page, "admin-user-detail");
  } finally {
    await user.remove();
  }
});

test("a bulk action and the rule editor, checked against Keystone", async ({ page }) => {
  const a = await createTestUser({ totp: true });
  const b = await createTestUser();
  try {
    await page.goto("/identity/users?q=e2e-");
    await page.getByLabel(`Select ${a.name}`).check();
    await page.getByLabel(`Select ${b.name}`).check();
    await page.getByLabel("With the selected users").selectOption("enforce");
    await page.getByRole("button", { name: "Review…" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enforce MFA: 2 users");
    await page.getByRole("button", { name: "Enforce MFA" }).click();
    await expect(page.getByRole("main").getByText(`${a.name}: MFA enforced.`)).toBeVisible();
    await expect(page.getByRole("main").getByText(new RegExp(`${b.name}: Refused`))).toBeVisible();
    expect((await keystoneMfa(a.id)).rules).toEqual(ENFORCED_RULES);
    expect((await keystoneMfa(b.id)).rules).toBeNull();

    await page.goto(`/identity/users/${b.id}`);
    const rules = page.getByRole("region", { name: "Sign-in rules" });
    await rules.getByLabel("a password").check();
    await rules.getByLabel("a passcode from an authenticator app").check();
    await rules.getByRole("button", { name: "Add rule" }).click();
    await expect(rules.getByRole("alert")).toContainText("would lock them out");
    expect((await keystoneMfa(b.id)).rules).toBeNull();
    await page.reload();
    await rules.getByLabel("a password").check();
    await rules.getByLabel("an application credential").check();
    await rules.getByRole("button", { name: "Add rule" }).click();
    await expect(rules.getByRole("status")).toHaveText("Rules saved.");
    expect((await keystoneMfa(b.id)).rules).toEqual([["password", "application_credential"]]);
    await rules.getByRole("button", { name: "Remove rule 1" }).click();
    await expect(rules.getByText("No rules")).toBeVisible();
    expect((await keystoneMfa(b.id)).rules).toBeNull();
  } finally {
    await a.remove();
    await b.remove();
  }
});
