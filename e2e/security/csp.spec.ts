import type { BrowserContext } from "@playwright/test";
import { createTestUser } from "../../tests/support/users";
import { expect, seed, signIn, signInWithPassword, test } from "../support/fixtures";

/*
 * The Content-Security-Policy allows scripts and inline styles only with the response's nonce, and
 * no style attributes in the HTML. Every kind of page renders without a single violation: the
 * browser would otherwise have blocked part of it.
 */

/** Collects every violation the browser reports, from the DOM event and from its console. */
async function recordViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("reportCspViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} at ${location.pathname}`);
    });
  });
  context.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) violations.push(m.text());
  });
  return violations;
}

const { admin } = seed.users;

test("no page of the dashboard breaks its Content-Security-Policy", async ({ context, page }) => {
  const violations = await recordViolations(context);
  const visited: string[] = [];
  const visit = async (path: string, heading: string | RegExp) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    visited.push(path);
  };

  await visit("/login", "Sign in");
  await signIn(page, admin);
  for (const [path, heading] of [
    ["/", "Overview"],
    ["/settings/password", "Change password"],
    ["/settings/api-access", "API access"],
    ["/identity/users", "Users"],
    [`/identity/users/${seed.users.mfa.id}`, seed.users.mfa.name],
    [`/identity/users/confirm?action=enforce&id=${seed.users.member.id}`, /Enforce MFA/],
    ["/identity/groups", "Groups"],
    [`/identity/groups/${seed.groups.operators}`, "operators"],
    ["/identity/domains", "Domains"],
    ["/identity/projects", "Projects"],
    ["/identity/activity", "Activity"],
    ["/no-such-page", "Page not found"],
  ] as const) {
    await visit(path, heading);
  }
  // The Security page with a QR code on it.
  await visit("/settings/security", "Security");
  await page.getByRole("button", { name: /Set up authenticator|Add another authenticator/ }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await page.getByRole("button", { name: "Cancel setup" }).click();

  // The passcode step, with its countdown.
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    await context.clearCookies();
    await signInWithPassword(page, user);
    await expect(page.getByRole("timer")).toBeVisible();
    visited.push("/login/passcode");
  } finally {
    await user.remove();
  }
  expect(visited.length).toBeGreaterThan(12);
  expect(violations).toEqual([]);
});
