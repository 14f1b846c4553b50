// Issue 8, observation 10: X-Forwarded-For was trusted from anyone, so a client chose its own address
// for the password limit and the audit log. Now it is read only from TRUSTED_PROXIES: the pair
// trusts 127.0.0.1 and ::1 (the specs play the reverse proxy), the main dashboard trusts nobody.
import { e2eServers } from "../../tests/support/e2e-servers";
import { createTestUser } from "../../tests/support/users";
import { expect, test } from "../support/fixtures";
import { auditLines, Jar, keystoneCounts, passwordStep, randomAddress, resetKeystoneCounts } from "./signin-requests";

const [first, second] = e2eServers.pair;
// A loopback address the pair does not trust: a client that reaches the dashboard directly.
const DIRECT = "127.0.0.2";

test("a client that is not a trusted proxy cannot pick its address: 20 wrong passwords, then the right one from a 'new' address is refused", async () => {
  const user = await createTestUser();
  try {
    for (let i = 1; i <= 20; i++) {
      const answer = await passwordStep(i % 2 ? first : second, { name: `nobody-direct-${i}`, password: "wrong" }, "form", {
        jar: new Jar(),
        xff: randomAddress(),
        from: DIRECT,
      });
      // The twentieth failure already says to wait.
      expect(answer.text, `attempt ${i}`).toContain(i < 20 ? "The username, password or domain is not correct." : "Too many failed sign-ins");
    }
    await resetKeystoneCounts();
    const refused = await passwordStep(first, user, "form", { jar: new Jar(), xff: randomAddress(), from: DIRECT });
    expect(refused.sessionStarted).toBe(false);
    expect(refused.text).toContain("Too many failed sign-ins");
    expect((await keystoneCounts())["POST /v3/auth/tokens password"] ?? 0).toBe(0);
    // Through the trusted proxy, the address it forwards is the client's own, with its own limit.
    expect((await passwordStep(second, user, "form", { jar: new Jar(), xff: randomAddress() })).sessionStarted).toBe(true);
  } finally {
    await user.remove();
  }
});

test("the audit log records the address a trusted proxy forwards, and the socket's address otherwise", async () => {
  const user = await createTestUser({ rules: [["password", "totp"]] });
  try {
    const forwarded = randomAddress();
    const spoofed = randomAddress();
    // Through the pair's trusted proxy: the client is the right-most address that is not a proxy.
    await passwordStep(first, user, "form", { jar: new Jar(), xff: `${spoofed}, ${forwarded}` });
    // Straight to the main dashboard, which trusts no proxy: the header is ignored.
    await passwordStep(e2eServers.main, user, "form", { jar: new Jar(), xff: spoofed });
    const mine = (file: string) =>
      auditLines(file).filter((l) => l.userId === user.id && l.event === "login.password").map((l) => l.clientAddress);
    expect(mine(e2eServers.pairAuditLog)).toEqual([forwarded]);
    const direct = mine(e2eServers.auditLog);
    expect(direct).toHaveLength(1);
    expect(["127.0.0.1", "::1"]).toContain(direct[0]);
  } finally {
    await user.remove();
  }
});
