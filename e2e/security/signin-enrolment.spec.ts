// Issue 8, observation 11: enrolment at sign-in did not re-check that the user still had no
// authenticator, so two password steps in parallel could both enrol (two lasting second factors).
// The activation now claims the enrolment in the shared security store and asks Keystone again.
import type { Browser, Page } from "@playwright/test";
import { generate } from "otplib";
import { adminToken, mainKeystone } from "../../tests/support/keystone";
import { e2eServers } from "../../tests/support/e2e-servers";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { expect, signInWithPassword, test } from "../support/fixtures";

const credentials = async (userId: string) =>
  (await mainKeystone.keystone.credentials.list(await adminToken(), userId, "totp")).map((c) => c.blob);

/** A browser on `base` at the enrolment step of `user`; returns the page and the secret it shows. */
async function atEnrolment(browser: Browser, base: string, user: TestUser) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await signInWithPassword(page, user);
  // Two sign-ins at once on a busy machine: give them time.
  await expect(page.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible({ timeout: 20_000 });
  const secret = (await page.getByLabel("Setup key").textContent())!.replaceAll(" ", "");
  return { page, secret, close: () => context.close() };
}

async function activate(page: Page, secret: string) {
  await page.getByLabel("Passcode").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Activate" }).click();
}

test("two password steps in parallel, on both instances, cannot both enrol an authenticator", async ({ browser }) => {
  const user = await createTestUser({ rules: [["password", "totp"]], totp: false });
  try {
    const [one, two] = await Promise.all(e2eServers.pair.map((base) => atEnrolment(browser, base, user)));
    expect(one.secret).not.toBe(two.secret);
    await Promise.all([activate(one.page, one.secret), activate(two.page, two.secret)]);
    const outcomes = await Promise.all(
      [one, two].map(({ page }) =>
        Promise.race([
          // Signed in: the page that shows the new recovery codes.
          page.getByRole("heading", { name: "Save your recovery codes" }).waitFor({ timeout: 30_000 }).then(() => "signed in"),
          page.getByRole("main").getByRole("alert").waitFor({ timeout: 30_000 }).then(async () => (await page.getByRole("main").getByRole("alert").textContent()) ?? ""),
        ]),
      ),
    );
    expect(outcomes.filter((o) => o === "signed in")).toHaveLength(1);
    expect(outcomes.find((o) => o !== "signed in")).toMatch(/already|another/);
    const stored = await credentials(user.id);
    expect(stored).toHaveLength(1);
    expect([one.secret, two.secret]).toContain(stored[0]);
    await Promise.all([one.close(), two.close()]);

    // Later, a third password step gets the ordinary passcode step, not a new enrolment.
    const context = await browser.newContext({ baseURL: e2eServers.pair[0] });
    const page = await context.newPage();
    await signInWithPassword(page, user);
    await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
    await context.close();
  } finally {
    await user.remove();
  }
});
