import { beforeEach, describe, expect, it } from "vitest";
import { passwordChange } from "@/lib/auth/password-change-attempt";
import { KeystoneError } from "@/lib/keystone";
import { createGuards, PASSWORD_CHANGE_FAILURES } from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";
import { createFakeKeystone, type FakeKeystone } from "../support/fake-keystone";
import { english } from "../support/english";

let ks: FakeKeystone;
let change: ReturnType<typeof passwordChange>;
let asked: number;

beforeEach(() => {
  ks = createFakeKeystone();
  ks.addUser({ id: "alice", name: "alice" });
  ks.passwords.set("alice", "right");
  asked = 0;
  const users = { ...ks.keystone.users, changePassword: (...args: [string, string, string]) => (asked++, ks.keystone.users.changePassword(...args)) };
  change = passwordChange({ keystone: { users }, guards: createGuards(createMemoryStore(), "s".repeat(32)), sleep: async () => {} });
});

const wrong = (i: number) => ({ current: `wrong-${i}`, password: "new-one" });

describe("changing a password", () => {
  it("changes it with the right current password", async () => {
    expect(await change("alice", { current: "right", password: "new-one" })).toBeNull();
    expect(ks.passwords.get("alice")).toBe("new-one");
  });

  it(`stops after ${PASSWORD_CHANGE_FAILURES.max} wrong current passwords, the right one included, without asking Keystone`, async () => {
    for (let i = 0; i < PASSWORD_CHANGE_FAILURES.max - 1; i++) {
      expect(english(await change("alice", wrong(i)))).toEqual({ fieldErrors: { current: "The current password is not correct." } });
    }
    expect(english(await change("alice", wrong(9)))).toEqual({ error: "Too many wrong passwords. Try again in 15 minutes." });
    expect(english(await change("alice", { current: "right", password: "new-one" }))).toEqual({ error: "Too many wrong passwords. Try again in 15 minutes." });
    expect(asked).toBe(PASSWORD_CHANGE_FAILURES.max);
    expect(ks.passwords.get("alice")).toBe("right");
  });

  it("lets at most the limit through when the attempts come at once", async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => change("alice", wrong(i))));
    expect(asked).toBe(PASSWORD_CHANGE_FAILURES.max);
  });

  it("gives the attempt back when Keystone judged the current password right but refused the new one", async () => {
    const policy = new KeystoneError("validation", "Password should match the policy");
    const strict = passwordChange({
      keystone: { users: { ...ks.keystone.users, changePassword: async () => Promise.reject(policy) } },
      guards: createGuards(createMemoryStore(), "s".repeat(32)),
      sleep: async () => {},
    });
    for (let i = 0; i < 10; i++) expect(english(await strict("alice", { current: "right", password: "x" }))).toEqual({ error: "Keystone refused the new password: Password should match the policy" });
  });

  it("keeps the attempt when Keystone did not answer: a slowed-down Keystone buys no guesses", async () => {
    const down = passwordChange({
      keystone: { users: { ...ks.keystone.users, changePassword: async () => Promise.reject(new KeystoneError("unavailable", "down")) } },
      guards: createGuards(createMemoryStore(), "s".repeat(32)),
      sleep: async () => {},
    });
    for (let i = 0; i < PASSWORD_CHANGE_FAILURES.max; i++) expect(english(await down("alice", wrong(i)))).toEqual({ error: "The identity service is unavailable. Nothing was changed." });
    expect(english(await down("alice", wrong(9)))).toEqual({ error: "Too many wrong passwords. Try again in 15 minutes." });
  });
});
