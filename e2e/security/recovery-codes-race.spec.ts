// Issue 11: a recovery code is used up atomically, whichever instance and route it reaches, and it
// counts in the passcode limit even when posted straight to the server action. Sent to the two
// instances that share Redis; Keystone's side is read back and counted at the counting proxy.
import { e2eServers } from "../../tests/support/e2e-servers";
import { createTestUser } from "../../tests/support/users";
import { expect, test } from "../support/fixtures";
import { giveRecoveryCodes, recoveryCredentials } from "../support/recovery";
import { auditLines, formFields, Jar, keystoneCounts, passwordStep, postAction, resetKeystoneCounts, type Route } from "./signin-requests";

const routes: Route[] = ["form", "action"];
const BLOCKED = "Too many wrong passcodes.";
const USED = "That recovery code is not correct, or it has been used already";

/** The i-th of a burst: alternately each instance and each route. */
const spread = (i: number) => ({ base: e2eServers.pair[i % 2], route: routes[Math.floor(i / 2) % 2] });

const recoveryStep = (base: string, code: string, route: Route, options: { jar: Jar; hidden?: FormData }) =>
  postAction(base, "/login/recovery", "redeemRecoveryCode", { next: "/", code }, route, options);

/** Writes to the user's credentials that reached Keystone (a used code is one PATCH of its blob). */
const credentialWrites = async () =>
  Object.entries(await keystoneCounts())
    .filter(([route]) => /^(POST|PATCH|DELETE) \/v3\/credentials/.test(route))
    .reduce((n, [, count]) => n + count, 0);

/** Where a recovery step sent the user: on to the new authenticator, back to the blocked page, or its message. */
const verdict = (a: { status: number; redirect: string | null; text: string }) =>
  a.redirect === "/login/passcode" ? "used" : a.redirect?.startsWith("/login/recovery") ? "blocked" : a.text.includes(USED) ? "refused" : `other ${a.status}`;

test("one recovery code sent ten times at once to both instances, by both routes: exactly one is used", async () => {
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    const codes = await giveRecoveryCodes(user.id);
    const jar = new Jar();
    expect((await passwordStep(e2eServers.pair[0], user, "form", { jar })).redirect).toBe("/login/passcode");
    const hidden = await formFields(`${e2eServers.pair[1]}/login/recovery`, "code", { jar });
    await resetKeystoneCounts();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const { base, route } = spread(i);
        return recoveryStep(base, codes[0], route, { jar, hidden });
      }),
    );
    const verdicts = answers.map(verdict);
    const tally = verdicts.reduce<Record<string, number>>((t, v) => ({ ...t, [v]: (t[v] ?? 0) + 1 }), {});
    console.log(`[figures] one code ten times at once on both instances: ${JSON.stringify(tally)}`);
    expect(verdicts.filter((v) => v === "used")).toHaveLength(1);
    expect(verdicts.filter((v) => v !== "used" && v !== "refused" && v !== "blocked")).toEqual([]);
    expect(answers.filter((a) => a.sessionStarted)).toEqual([]);

    // Keystone: one write, one use mark, the others untouched.
    expect(await credentialWrites()).toBe(1);
    const [{ set }] = await recoveryCredentials(user.id);
    expect(set!.codes.map((c) => c.usedAt !== null)).toEqual([true, ...Array(9).fill(false)]);
    const mine = auditLines(e2eServers.pairAuditLog).filter((l) => l.userId === user.id && l.event === "login.recovery");
    expect(mine.filter((l) => l.outcome === "success")).toHaveLength(1);

    // The winner's browser goes on to set up the new authenticator.
    const next = await fetch(`${e2eServers.pair[0]}/login/passcode`, { headers: { cookie: jar.header() } });
    expect(await next.text()).toContain("Set up your new authenticator");
  } finally {
    await user.remove();
  }
});

test("after five wrong recovery codes, a sixth and right one posted to the server action is refused and not used up", async () => {
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    const codes = await giveRecoveryCodes(user.id);
    const jar = new Jar();
    expect((await passwordStep(e2eServers.pair[0], user, "form", { jar })).redirect).toBe("/login/passcode");
    const hidden = await formFields(`${e2eServers.pair[0]}/login/recovery`, "code", { jar });
    await resetKeystoneCounts();
    const wrong = ["00000-00000", "11111-11111", "22222-22222", "33333-33333", "44444-44444"];
    const verdicts: string[] = [];
    for (const [i, code] of wrong.entries()) {
      const { base, route } = spread(i);
      verdicts.push(verdict(await recoveryStep(base, code, route, { jar, hidden })));
    }
    expect(verdicts).toEqual(["refused", "refused", "refused", "refused", "blocked"]);

    for (let i = 0; i < 4; i++) {
      const { base, route } = spread(i);
      const sixth = await recoveryStep(base, codes[i], route, { jar, hidden });
      expect(verdict(sixth)).toBe("blocked");
      expect(sixth.sessionStarted).toBe(false);
    }
    const page = await fetch(`${e2eServers.pair[1]}/login/recovery`, { headers: { cookie: jar.header() } });
    expect(await page.text()).toContain(BLOCKED);
    expect(await credentialWrites()).toBe(0);
    const [{ set }] = await recoveryCredentials(user.id);
    expect(set!.codes.every((c) => c.usedAt === null)).toBe(true);
  } finally {
    await user.remove();
  }
});
