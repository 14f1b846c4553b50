// Issue 8, observation 1: one sign-in path. Auth.js's own endpoints were a second way in, beside the
// sign-in forms, and the replay guard existed once per bundle. Every session now starts through the
// forms' server actions, behind one set of guards shared by every instance.
import { generate } from "otplib";
import { e2eServers } from "../../tests/support/e2e-servers";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { expect, test } from "../support/fixtures";
import { Jar, keystoneCounts, passcodeStep, passwordStep, postAuthJs, resetKeystoneCounts, send } from "./signin-requests";

const [first, second] = e2eServers.pair;

let user: TestUser;
test.beforeEach(async () => {
  user = await createTestUser({ rules: [["password", "totp"]] });
});
test.afterEach(async () => {
  await user.remove();
});

test("a passcode used through the sign-in form is refused through Auth.js's callback, which does not exist", async () => {
  const code = await generate({ secret: user.totpSecret! });
  const browser = new Jar();
  expect((await passwordStep(first, user, "form", { jar: browser })).redirect).toBe("/login/passcode");
  const signedIn = await passcodeStep(first, code, "form", { jar: browser });
  expect(signedIn.redirect).toBe("/");
  expect(signedIn.sessionStarted).toBe(true);

  // The attacker has the password and saw the code: a receipt of their own, then Auth.js's endpoint.
  const attacker = new Jar();
  expect((await passwordStep(first, user, "form", { jar: attacker })).redirect).toBe("/login/passcode");
  const replay = await postAuthJs(first, "callback/totp", { passcode: code }, { jar: attacker });
  expect(replay.status).toBe(404);
  expect(replay.sessionStarted).toBe(false);
});

test("no Auth.js endpoint starts a session or answers anything but 404 or 405", async () => {
  const plain = await createTestUser();
  try {
    const jar = new Jar();
    const credentials = { username: plain.name, password: plain.password, domain: "Default" };
    for (const base of [e2eServers.main, first]) {
      for (const path of ["callback/password", "signin/password", "callback/totp", "signin/totp", "signin", "signout", "session"]) {
        const answer = await postAuthJs(base, path, credentials, { jar });
        expect([404, 405], `POST ${path}: ${answer.status} ${answer.redirect}`).toContain(answer.status);
        expect(answer.sessionStarted, `POST ${path}`).toBe(false);
      }
      for (const path of ["csrf", "providers", "signin", "signin/password", "callback/password", "signout", "error", "verify-request", "webauthn-options/password"]) {
        const answer = await send(`${base}/api/auth/${path}?${new URLSearchParams(credentials)}`, { jar });
        expect([404, 405], `GET ${path}: ${answer.status} ${answer.redirect}`).toContain(answer.status);
        expect(answer.sessionStarted, `GET ${path}`).toBe(false);
      }
    }
    expect(jar.cookies.has("authjs.session-token")).toBe(false);
    // The session endpoint stays, read-only: nobody is signed in.
    const session = await send(`${first}/api/auth/session`, { jar });
    expect(session.status).toBe(200);
    expect(JSON.parse(session.text)).toBeNull();
  } finally {
    await plain.remove();
  }
});

test("a passcode used on one instance is refused on the other, before Keystone is asked", async () => {
  const code = await generate({ secret: user.totpSecret! });
  const one = new Jar();
  expect((await passwordStep(first, user, "action", { jar: one })).redirect).toBe("/login/passcode");
  expect((await passcodeStep(first, code, "action", { jar: one })).sessionStarted).toBe(true);

  const other = new Jar();
  expect((await passwordStep(second, user, "form", { jar: other })).redirect).toBe("/login/passcode");
  await resetKeystoneCounts();
  const replay = await passcodeStep(second, code, "form", { jar: other });
  expect(replay.sessionStarted).toBe(false);
  expect(replay.text).toContain("That passcode has already been used.");
  expect((await keystoneCounts())["POST /v3/auth/tokens totp"] ?? 0).toBe(0);
});
