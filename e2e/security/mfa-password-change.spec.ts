import { keystone } from "../../tests/support/keystone";
import { createTestUser } from "../../tests/support/users";
import { expect, test } from "../support/fixtures";
import { callStateAction, pairA, pairB, reached, resetProxy, signInAt, type ActionRef } from "./mfa-support";

/*
 * Observation 15 of issue 8: Settings > Password had no attempt limit, and Keystone's endpoint has
 * none either, so a stolen session could guess the current password without end.
 */

const CHANGE_PASSWORD: ActionRef = { file: "app/(dashboard)/settings/password/actions.ts", name: "changePassword", kind: "state" };
const KEYSTONE_CHANGE = "POST /v3/users/:id/password";

test("30 wrong current passwords sent at once to both instances: at most 5 reach Keystone, then the right one waits", async ({ page }) => {
  const user = await createTestUser();
  try {
    await signInAt(page, pairA, user);
    const fresh = "A-new-password-42";
    await resetProxy();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        callStateAction(page.request, `${i % 2 ? pairB : pairA}/settings/password`, CHANGE_PASSWORD, { current: `wrong-${i}`, password: fresh, confirm: fresh }),
      ),
    );
    const changes = await reached(KEYSTONE_CHANGE);
    console.log(`[figures] password changes: 30 sent at once over both instances, ${changes} reached Keystone`);
    expect(changes).toBeLessThanOrEqual(5);
    for (const r of responses) expect(r.status()).toBeLessThan(500);
    // Each answer is one of these (on a busy machine Keystone may not answer some in time).
    const answers = /Too many wrong passwords|The current password is not correct|The identity service is unavailable/;
    for (const body of await Promise.all(responses.map((r) => r.text()))) expect(body).toMatch(answers);

    // The right current password is refused too until the window ends, and Keystone is not asked.
    await page.goto(`${pairB}/settings/password`);
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByLabel("Confirm new password").fill(fresh);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many wrong passwords\. Try again in \d+ minutes?\./, { timeout: 15_000 });
    expect(await reached(KEYSTONE_CHANGE)).toBeLessThanOrEqual(5);
    await keystone.auth.password({ username: user.name, password: user.password, domain: "Default" });
  } finally {
    await user.remove();
  }
});
