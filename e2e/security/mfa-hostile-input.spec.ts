import { e2eServers } from "../../tests/support/e2e-servers";
import { expect, seed, test } from "../support/fixtures";
import { dashboardActionIds, pairA, proxyCounts, reached, resetProxy, signInAt } from "./mfa-support";

/*
 * Observation 13 of issue 8, the dashboard's side: request values are never looked up in plain
 * objects (where "constructor" or "toString" find something), and a server action called with
 * anything but a form answers, without a server error.
 */

const PROTOTYPE_NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

test("prototype names in the dashboard's paths and query parameters are ordinary unknown values", async ({ page }) => {
  await signInAt(page, e2eServers.main, seed.users.admin);
  for (const name of PROTOTYPE_NAMES) {
    const security = await page.request.get(`/settings/security?done=${name}`);
    expect(security.status(), `done=${name}`).toBe(200);
    expect(await security.text()).toContain("Two-factor sign-in with an authenticator app");
    expect((await page.request.get(`/settings/api-access/${name}`)).status(), `api-access/${name}`).toBe(404);
    expect((await page.request.get(`/identity/coverage/${name}/${seed.groups.operators}`)).status()).toBe(404);
    const confirm = await page.request.get(`/identity/users/confirm?action=${name}&id=${seed.users.member.id}`);
    expect(confirm.status(), `confirm action=${name}`).toBe(200);
    expect(await confirm.text()).toContain("Nothing to confirm");
    expect((await page.request.get(`/identity/users?sort=${name}&mfa=${name}&dir=${name}&page=${name}`)).status()).toBe(200);
  }
});

test("every dashboard server action called with something other than a form answers without a server error or a Keystone write", async ({ page }) => {
  await signInAt(page, pairA, seed.users.admin);
  const actions = dashboardActionIds();
  expect(actions.length).toBeGreaterThanOrEqual(10);
  await resetProxy();
  const odd = [[], ["not a form"], [{}, "not a form"], [{}, { passcode: "123456" }], [null, null], [1, [1, 2]]];
  for (const { id, file, name } of actions) {
    for (const args of odd) {
      const response = await page.request.post(`${pairA}/settings/security`, {
        headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        data: JSON.stringify(args),
        maxRedirects: 0,
      });
      const call = `${file} ${name}(${JSON.stringify(args)})`;
      expect(response.status(), call).toBeLessThan(500);
      expect(response.headers()["x-nextjs-action-not-found"], call).toBeUndefined();
    }
  }
  const { writes } = await proxyCounts();
  console.log(`[figures] ${actions.length} dashboard actions x ${odd.length} non-form arguments: ${writes} Keystone writes`);
  expect(writes).toBe(0);
  expect(await reached("POST /v3/auth/tokens token")).toBe(0);
});
