// Issue 8, observation 2 (sign-in side): limits are counted before Keystone is asked, so attempts
// sent at once cannot all slip past them. Every attempt goes to the two instances that share Redis,
// through every route that reaches the check, and Keystone's side is counted at the counting proxy.
import { generate } from "otplib";
import { e2eServers } from "../../tests/support/e2e-servers";
import { createTestUser } from "../../tests/support/users";
import { expect, test } from "../support/fixtures";
import {
  formFields,
  Jar,
  keystoneCounts,
  passcodeStep,
  passwordStep,
  postAuthJs,
  randomAddress,
  resetKeystoneCounts,
  type Answer,
  type Route,
} from "./signin-requests";

const WRONG_PASSWORD = "not-the-password";
const NOT_CORRECT = "The username, password or domain is not correct.";
const THROTTLED = "Too many failed sign-ins";
const BLOCKED = "Too many wrong passcodes.";
const routes: Route[] = ["form", "action"];

/** The i-th of a burst: alternately each instance, each sign-in route and Auth.js's own callback. */
const spread = (i: number) => ({ base: e2eServers.pair[i % 2], route: routes[Math.floor(i / 2) % 2], authJs: i % 5 === 4 });

const tokenRequests = async (method: string) => (await keystoneCounts())[`POST /v3/auth/tokens ${method}`] ?? 0;

/** Prints what each route answered and what reached Keystone: the figures for the note. */
function report(what: string, answers: Answer[], reached: number) {
  const byRoute: Record<string, Record<string, number>> = {};
  answers.forEach((a, i) => {
    const { base, route, authJs } = spread(i);
    const key = `${authJs ? "Auth.js callback" : route === "form" ? "form post (no JS)" : "server action (Next-Action)"} on :${new URL(base).port}`;
    const kind = a.status >= 400 ? String(a.status) : /not correct/.test(a.text) ? "refused by Keystone" : "refused before Keystone or blocked";
    (byRoute[key] ??= {})[kind] = (byRoute[key][kind] ?? 0) + 1;
  });
  console.log(`[figures] ${what}: ${reached} of ${answers.length} reached Keystone; answers by route: ${JSON.stringify(byRoute)}`);
}

test("30 wrong passcodes at once on both instances, by every route: at most 5 reach Keystone, then the right one is refused", async () => {
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    const jar = new Jar();
    expect((await passwordStep(e2eServers.pair[0], user, "form", { jar })).redirect).toBe("/login/passcode");
    const right = await generate({ secret: user.totpSecret! });
    // Thirty different wrong codes, so that the replay guard does not stop any of them.
    const near = await Promise.all([-1, 0, 1].map((step) => generate({ secret: user.totpSecret!, epoch: Math.floor(Date.now() / 1000) + step * 30 })));
    const wrong = Array.from({ length: 31 }, (_, i) => String(100000 + i * 29_311)).filter((c) => !near.includes(c)).slice(0, 30);
    // Fetched once: while the burst runs, the page stops showing the form.
    const hidden = await formFields(`${e2eServers.pair[0]}/login/passcode`, "passcode", { jar });
    await resetKeystoneCounts();
    const answers = await Promise.all(
      wrong.map((code, i) => {
        const { base, route, authJs } = spread(i);
        return authJs ? postAuthJs(base, "callback/totp", { passcode: code }, { jar }) : passcodeStep(base, code, route, { jar, hidden });
      }),
    );
    expect(answers.filter((a) => a.sessionStarted)).toEqual([]);
    const reached = await tokenRequests("totp");
    report("30 wrong passcodes at once", answers, reached);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThanOrEqual(5);

    for (const base of e2eServers.pair) {
      const refused = await passcodeStep(base, right, "form", { jar, hidden });
      expect(refused.sessionStarted).toBe(false);
      expect(refused.redirect === "/login/passcode" || refused.text.includes(BLOCKED)).toBe(true);
    }
    expect(await tokenRequests("totp")).toBe(reached);
  } finally {
    await user.remove();
  }
});

/** 30 wrong passwords at once; `who(i)` says whose name and from which address. */
async function burst(who: (i: number) => { name: string; xff: string }): Promise<Answer[]> {
  const hidden = await formFields(`${e2eServers.pair[0]}/login`, "username");
  return Promise.all(
    Array.from({ length: 30 }, (_, i) => {
      const { base, route, authJs } = spread(i);
      const { name, xff } = who(i);
      const jar = new Jar();
      if (authJs) return postAuthJs(base, "callback/password", { username: name, password: WRONG_PASSWORD, domain: "Default" }, { jar, xff });
      return passwordStep(base, { name, password: WRONG_PASSWORD }, route, { jar, xff, hidden });
    }),
  );
}

test("30 wrong passwords at once from one address: at most 20 reach Keystone, then the right password from there is refused", async () => {
  const user = await createTestUser();
  try {
    const address = randomAddress();
    await resetKeystoneCounts();
    // Unknown names, so that only the per-address limit applies.
    const answers = await burst((i) => ({ name: `nobody-${address}-${i}`, xff: address }));
    expect(answers.filter((a) => a.sessionStarted)).toEqual([]);
    expect(answers.some((a) => a.text.includes(NOT_CORRECT))).toBe(true);
    const reached = await tokenRequests("password");
    report("30 wrong passwords at once from one address", answers, reached);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThanOrEqual(20);

    const refused = await passwordStep(e2eServers.pair[1], user, "form", { jar: new Jar(), xff: address });
    expect(refused.sessionStarted).toBe(false);
    expect(refused.text).toContain(THROTTLED);
    expect(await tokenRequests("password")).toBe(reached);
    // Another address is not affected.
    expect((await passwordStep(e2eServers.pair[0], user, "form", { jar: new Jar(), xff: randomAddress() })).sessionStarted).toBe(true);
  } finally {
    await user.remove();
  }
});

test("30 wrong passwords at once for one user from 30 addresses: at most 10 reach Keystone, then the right password is refused", async () => {
  const user = await createTestUser();
  try {
    await resetKeystoneCounts();
    const answers = await burst(() => ({ name: user.name, xff: randomAddress() }));
    expect(answers.filter((a) => a.sessionStarted)).toEqual([]);
    const reached = await tokenRequests("password");
    report("30 wrong passwords at once for one user from 30 addresses", answers, reached);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThanOrEqual(10);

    const refused = await passwordStep(e2eServers.pair[0], user, "action", { jar: new Jar(), xff: randomAddress() });
    expect(refused.sessionStarted).toBe(false);
    expect(refused.text).toContain(THROTTLED);
    expect(await tokenRequests("password")).toBe(reached);
  } finally {
    await user.remove();
  }
});
