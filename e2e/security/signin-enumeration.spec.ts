// Issue 8, observation 4: a NUL byte in the password made Keystone answer 500 for an existing user and
// 401 for an unknown one, and the dashboard passed the difference on. Control characters are now
// refused before Keystone, with the message every refused sign-in gets. (That refused sign-ins also
// take the same time is a rule of the use case, unit-tested, and measured by bench/enumeration.mjs.)
import { e2eServers } from "../../tests/support/e2e-servers";
import { createTestUser } from "../../tests/support/users";
import { expect, test } from "../support/fixtures";
import { Jar, keystoneCounts, postAction, randomAddress, resetKeystoneCounts } from "./signin-requests";

const NOT_CORRECT = "The username, password or domain is not correct.";

test("control characters get the same answer for an existing and an unknown user, and never reach Keystone", async () => {
  const user = await createTestUser();
  try {
    const tries = [
      { username: user.name, password: `${user.password}\u0000` },
      { username: user.name, password: "a\u0000b" },
      { username: "nobody-at-all", password: "a\u0000b" },
      { username: `${user.name}\u0000`, password: user.password },
      { username: user.name, password: `x\u001b[31m` },
      { username: user.name, password: "x\u007f" },
      { username: user.name, password: "x\u0085" },
    ];
    const domains = ["Default", "Default\u0000", "Def\nault"];
    await resetKeystoneCounts();
    for (const [i, fields] of tries.entries()) {
      for (const domain of i === 0 ? domains : ["Default"]) {
        const answer = await postAction(e2eServers.pair[i % 2], "/login", "loginWithPassword", { ...fields, domain }, i % 3 ? "form" : "action", {
          jar: new Jar(),
          xff: randomAddress(),
        });
        expect(answer.status, JSON.stringify(fields)).toBeLessThan(500);
        expect(answer.sessionStarted).toBe(false);
        expect(answer.text, JSON.stringify({ ...fields, domain })).toContain(NOT_CORRECT);
      }
    }
    expect((await keystoneCounts())["POST /v3/auth/tokens password"] ?? 0).toBe(0);
  } finally {
    await user.remove();
  }
});
