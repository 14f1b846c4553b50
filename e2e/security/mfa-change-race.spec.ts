// Changes to one user's MFA are made one at a time, on every instance: each checks the lockout
// guard against what Keystone holds, so two changes sent at once must not both pass a check that
// only one of them could pass after the other.
import type { APIResponse, Browser } from "@playwright/test";
import { generate } from "otplib";
import { keystone, adminToken } from "../../tests/support/keystone";
import { createTestUser } from "../../tests/support/users";
import { ENFORCED_RULES, expect, seed, test } from "../support/fixtures";
import { addAuthenticator, callStateAction, keystoneMfa, pairA, pairB, signInAt, type ActionRef } from "./mfa-support";

const ADMIN_REMOVE: ActionRef = { file: "app/(dashboard)/identity/users/[id]/actions.ts", name: "removeAuthenticatorAction", kind: "state" };
const SELF_REMOVE: ActionRef = { file: "app/(dashboard)/settings/security/actions.ts", name: "remove", kind: "state" };

/** What a removal answered: removed (the administrator's message, or the Security page's redirect), or refused by the lockout guard. */
async function outcome(response: APIResponse) {
  expect(response.status()).toBe(200);
  const payload = await response.text();
  const redirect = response.headers()["x-action-redirect"] ?? "";
  if (payload.includes('"message":"Authenticator removed."') || redirect.startsWith("/settings/security?done=removed")) return "removed";
  if (/"error":"[^"]*(only authenticator|lock you out)/.test(payload)) return "refused";
  return `other: ${redirect} ${payload.slice(0, 200)}`;
}

/** The ids of a user's authenticators, in the order of their secrets. */
async function authenticatorIds(userId: string, secrets: string[]) {
  const credentials = await keystone.credentials.list(await adminToken(), userId, "totp");
  return secrets.map((secret) => credentials.find((c) => c.blob === secret)!.id);
}

/** An administrator's session on `base`, as a request context. */
async function adminAt(browser: Browser, base: string) {
  const context = await browser.newContext();
  await signInAt(await context.newPage(), base, seed.users.admin, seed.users.admin.totpSecret);
  return context;
}

test("two administrators on the two instances removing a user's two authenticators at once: one goes, the last one stays", async ({ browser }) => {
  test.setTimeout(120_000);
  const [a, b] = await Promise.all([adminAt(browser, pairA), adminAt(browser, pairB)]);
  const user = await createTestUser({ rules: ENFORCED_RULES });
  try {
    for (let round = 0; round < 3; round++) {
      while ((await keystoneMfa(user.id)).authenticators < 2) await addAuthenticator(user.id);
      const ids = (await keystone.credentials.list(await adminToken(), user.id, "totp")).map((c) => c.id);
      const page = `/identity/users/${user.id}`;
      const answers = await Promise.all([
        callStateAction(a.request, pairA + page, ADMIN_REMOVE, { userId: user.id, credentialId: ids[0] }),
        callStateAction(b.request, pairB + page, ADMIN_REMOVE, { userId: user.id, credentialId: ids[1] }),
      ]);
      const outcomes = (await Promise.all(answers.map(outcome))).sort();
      expect({ round, outcomes, ...(await keystoneMfa(user.id)) }).toMatchObject({ round, outcomes: ["refused", "removed"], authenticators: 1, rules: ENFORCED_RULES });
    }
  } finally {
    await Promise.all([a.close(), b.close(), user.remove()]);
  }
});

test("the user and an administrator, on the two instances, each removing one of the user's two authenticators at once: the last one stays", async ({ browser }) => {
  test.setTimeout(120_000);
  const user = await createTestUser({ rules: ENFORCED_RULES });
  const admin = await adminAt(browser, pairB);
  const own = await browser.newContext();
  try {
    const secrets = [user.totpSecret!, await addAuthenticator(user.id)];
    await signInAt(await own.newPage(), pairA, user, secrets[0]);
    const ids = await authenticatorIds(user.id, secrets);
    const answers = await Promise.all([
      // The user removes the first, confirming with a passcode of the second; the administrator removes the second.
      callStateAction(own.request, `${pairA}/settings/security`, SELF_REMOVE, { credentialId: ids[0], passcode: await generate({ secret: secrets[1] }) }),
      callStateAction(admin.request, `${pairB}/identity/users/${user.id}`, ADMIN_REMOVE, { userId: user.id, credentialId: ids[1] }),
    ]);
    const outcomes = await Promise.all(answers.map(outcome));
    expect({ outcomes: [...outcomes].sort(), ...(await keystoneMfa(user.id)) }).toMatchObject({ outcomes: ["refused", "removed"], authenticators: 1, rules: ENFORCED_RULES });
  } finally {
    await Promise.all([admin.close(), own.close(), user.remove()]);
  }
});
