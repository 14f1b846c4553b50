import type { BrowserContext, Page } from "@playwright/test";
import { createTestGroup } from "../../tests/support/groups";
import { adminToken, keystone } from "../../tests/support/keystone";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { expect, seed, test } from "../support/fixtures";
import { keystoneMfa, pairA, pairB, proxyCounts, projectRole, replayAction, resetProxy, signInAt, type ActionRef } from "./mfa-support";

/*
 * Observation 8 of issue 8: admin pages, route handlers and actions ask Keystone about the token and
 * its roles on every request, so a sign-out or a demotion takes effect at the next request,
 * client-side (RSC) navigations included, on every instance.
 */

const ACTIONS = {
  enforce: { file: "app/(dashboard)/identity/users/actions.ts", name: "applyMfaAction", kind: "state" },
  policy: { file: "app/(dashboard)/identity/policy-actions.ts", name: "setPolicyAction", kind: "state" },
  rules: { file: "app/(dashboard)/identity/users/[id]/actions.ts", name: "editRulesAction", kind: "state" },
  removeAuthenticator: { file: "app/(dashboard)/identity/users/[id]/actions.ts", name: "removeAuthenticatorAction", kind: "state" },
} satisfies Record<string, ActionRef>;

/**
 * The request the browser makes for an in-app navigation to the Activity page: RSC, with the
 * router state that tells the server the dashboard layout is already on screen.
 */
async function activityNavigation(page: Page, base: string): Promise<Navigation> {
  await page.goto(`${base}/identity/users`);
  const [request] = await Promise.all([
    page.waitForRequest((r) => new URL(r.url()).pathname === "/identity/activity" && r.headers()["rsc"] === "1" && !r.headers()["next-router-prefetch"]),
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click(),
  ]);
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
  const headers = Object.entries(await request.allHeaders()).filter(([name]) => name === "rsc" || name.startsWith("next-"));
  // The path keeps Next's _rsc parameter, a hash of those headers: without it Next redirects.
  return { path: new URL(request.url()).pathname + new URL(request.url()).search, headers: Object.fromEntries(headers) };
}

interface Navigation {
  path: string;
  headers: Record<string, string>;
}

/** The RSC payload of the Activity page for this context's cookies, as that navigation gets it. */
async function activityPayload(context: BrowserContext, base: string, { path, headers }: Navigation) {
  const response = await context.request.get(`${base}${path}`, { headers, maxRedirects: 0 });
  expect(response.status()).toBeLessThan(500);
  return response.text();
}

/** An audit row only the Activity page shows: the admin's own sign-in. */
const hasAuditRows = (payload: string) => payload.includes("login.password");

test("after sign-out, the old session cookie gets no Activity rows from an in-app navigation", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAt(page, pairA, seed.users.admin);
  const navigation = await activityNavigation(page, pairA);
  expect(hasAuditRows(await activityPayload(context, pairA, navigation))).toBe(true);
  const stolen = await context.cookies();

  await page.getByText(seed.users.admin.name, { exact: true }).first().click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out/);
  await context.addCookies(stolen);
  for (const base of [pairA, pairB]) expect(hasAuditRows(await activityPayload(context, base, navigation))).toBe(false);
  await context.close();
});

test("once the admin role is removed in Keystone, every admin page, route handler and action refuses", async ({ browser }) => {
  const admin: TestUser = await createTestUser();
  const target = await createTestUser({ totp: true });
  const group = await createTestGroup();
  try {
    await projectRole("PUT", seed.projects.demo, admin.id, "admin");
    await group.addMember(target.id);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAt(page, pairA, admin);
    const navigation = await activityNavigation(page, pairA);
    expect(hasAuditRows(await activityPayload(context, pairA, navigation))).toBe(true);
    const credentialId = (await keystone.credentials.list(await adminToken(), target.id))[0].id;
    const before = await keystoneMfa(target.id);

    await projectRole("DELETE", seed.projects.demo, admin.id, "admin");
    await resetProxy();
    for (const base of [pairA, pairB]) {
      expect(hasAuditRows(await activityPayload(context, base, navigation))).toBe(false);
      for (const path of ["/identity/users", `/identity/users/${target.id}`, `/identity/groups/${group.id}`, "/identity/activity", `/identity/coverage/group/${group.id}`]) {
        expect((await context.request.get(`${base}${path}`, { maxRedirects: 0 })).status(), path).toBe(404);
      }
      const replays = [
        replayAction(context.request, `${base}/identity/users/confirm?action=enforce&id=${target.id}`, ACTIONS.enforce, { action: "enforce", id: target.id }),
        replayAction(context.request, `${base}/identity/groups/${group.id}`, ACTIONS.policy, { kind: "group", id: group.id, required: "true" }),
        replayAction(context.request, `${base}/identity/users/${target.id}`, ACTIONS.rules, { userId: target.id, method: ["password", "totp"] }),
        replayAction(context.request, `${base}/identity/users/${target.id}`, ACTIONS.removeAuthenticator, { userId: target.id, credentialId }),
      ];
      for (const response of await Promise.all(replays)) expect(response.status()).toBeLessThan(500);
    }
    expect((await proxyCounts()).writes).toBe(0);
    expect(await keystoneMfa(target.id)).toEqual(before);
    expect((await keystone.identity.group(await adminToken(), group.id)).mfa_required ?? null).toBeNull();
    // The demoted user keeps the pages every user has.
    await page.goto(`${pairB}/settings/security`);
    await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByText("Identity")).toHaveCount(0);

    // Given the role back, the same session's same replay does change Keystone: the replays are real.
    // Keystone's workers may take a moment to report the new role for the token, hence the retries.
    await projectRole("PUT", seed.projects.demo, admin.id, "admin");
    await expect
      .poll(async () => {
        const again = await replayAction(context.request, `${pairA}/identity/groups/${group.id}`, ACTIONS.policy, { kind: "group", id: group.id, required: "true" });
        expect(again.status()).toBeLessThan(500);
        return (await keystone.identity.group(await adminToken(), group.id)).mfa_required ?? null;
      }, { timeout: 30_000 })
      .toBe(true);
    await context.close();
  } finally {
    await group.remove();
    await target.remove();
    await admin.remove();
  }
});
