import { beforeEach, describe, expect, it } from "vitest";
import {
  createGuards,
  FIRST_PAGE_SECONDS,
  PASSCODE_FAILURES,
  PASSWORD_CHANGE_FAILURES,
  PASSWORD_FAILURES,
  REPLAY_WINDOW_SECONDS,
  USERNAME_FAILURES,
} from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";
import type { SecurityStore } from "@/lib/security/store";

const SECRET = "s".repeat(32);
let clock = 0;
let store: SecurityStore;
let guards: ReturnType<typeof createGuards>;

const advance = (seconds: number) => {
  clock += seconds * 1000;
};

beforeEach(() => {
  clock = 1_700_000_000_000;
  store = createMemoryStore(() => clock);
  guards = createGuards(store, SECRET);
});

/** n attempts for alice that all fail (nothing given back). */
async function failPasscodes(user: string, n: number) {
  const attempts = [];
  for (let i = 0; i < n; i++) attempts.push(await guards.passcodeAttempt(user));
  return attempts;
}

describe("passcode attempt limit", () => {
  it("allows five wrong passcodes, then refuses for the rest of the window", async () => {
    const results = [];
    for (let i = 0; i < PASSCODE_FAILURES.max; i++) {
      results.push(await guards.passcodeAttempt("alice"));
      advance(10);
    }
    expect(results.map((r) => r.allowed && r.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    expect(results.map((r) => r.allowed && r.blockedIfFails)).toEqual([0, 0, 0, 0, 300 - 40]);
    // The sixth attempt, 50 s after the first failure, is refused and waits for the window to end.
    expect(await guards.passcodeAttempt("alice")).toEqual({ allowed: false, retryAfter: 250 });
    expect(await guards.passcodeBlockedFor("alice")).toBe(250);
  });

  it("counts attempts sent at once one by one: five go on, the rest are refused", async () => {
    const attempts = await Promise.all(Array.from({ length: 30 }, () => guards.passcodeAttempt("alice")));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(PASSCODE_FAILURES.max);
    // The refused ones did not count: the right passcode now is refused too, until the window ends.
    expect((await guards.passcodeAttempt("alice")).allowed).toBe(false);
    advance(PASSCODE_FAILURES.windowSeconds);
    expect((await guards.passcodeAttempt("alice")).allowed).toBe(true);
  });

  it("takes back an attempt that succeeded, once however often it is given back", async () => {
    await failPasscodes("alice", 3);
    const ok = await guards.passcodeAttempt("alice");
    if (!ok.allowed) throw new Error("expected an allowed attempt");
    await ok.giveBack();
    await ok.giveBack();
    const next = await guards.passcodeAttempt("alice");
    expect(next.allowed && next.attemptsLeft).toBe(1);
  });

  it("lifts the block when the window ends", async () => {
    await failPasscodes("alice", PASSCODE_FAILURES.max);
    advance(PASSCODE_FAILURES.windowSeconds - 1);
    expect(await guards.passcodeBlockedFor("alice")).toBe(1);
    advance(1);
    expect(await guards.passcodeBlockedFor("alice")).toBe(0);
    const fresh = await guards.passcodeAttempt("alice");
    expect(fresh.allowed && fresh.attemptsLeft).toBe(4);
  });

  it("counts each user on their own", async () => {
    await failPasscodes("alice", PASSCODE_FAILURES.max);
    expect(await guards.passcodeBlockedFor("bob")).toBe(0);
    const bob = await guards.passcodeAttempt("bob");
    expect(bob.allowed && bob.attemptsLeft).toBe(4);
  });

  it("refused attempts do not extend the window", async () => {
    await failPasscodes("alice", PASSCODE_FAILURES.max);
    advance(100);
    expect(await guards.passcodeAttempt("alice")).toEqual({ allowed: false, retryAfter: 200 });
  });
});

describe("password attempt limits", () => {
  it("refuses an address after twenty wrong passwords in the window, whatever the usernames", async () => {
    for (let i = 1; i <= PASSWORD_FAILURES.max; i++) {
      const a = await guards.passwordAttempt("192.0.2.1", `user-${i}`, "Default");
      expect(a.allowed && a.blockedIfFails).toBe(i === PASSWORD_FAILURES.max ? 300 : 0);
    }
    expect(await guards.passwordAttempt("192.0.2.1", "someone-new", "Default")).toEqual({ allowed: false, retryAfter: 300 });
    advance(60);
    expect((await guards.passwordAttempt("192.0.2.1", "another", "Default")).allowed).toBe(false);
    expect((await guards.passwordAttempt("192.0.2.2", "another", "Default")).allowed).toBe(true);
    advance(240);
    expect((await guards.passwordAttempt("192.0.2.1", "another", "Default")).allowed).toBe(true);
  });

  it("refuses a username after ten wrong passwords from any number of addresses", async () => {
    for (let i = 0; i < USERNAME_FAILURES.max; i++) {
      expect((await guards.passwordAttempt(`198.51.100.${i}`, "alice", "Default")).allowed).toBe(true);
    }
    const refused = await guards.passwordAttempt("203.0.113.7", "ALICE", "default");
    expect(refused).toEqual({ allowed: false, retryAfter: USERNAME_FAILURES.windowSeconds });
    expect((await guards.passwordAttempt("203.0.113.7", "alice", "Research")).allowed).toBe(true);
    // The refusal did not count against the new address: one attempt (alice in Research) did.
    let allowed = 0;
    while ((await guards.passwordAttempt("203.0.113.7", `user-${allowed}`, "Default")).allowed) allowed++;
    expect(allowed).toBe(PASSWORD_FAILURES.max - 1);
  });

  it("a successful sign-in gives its attempt back to both limits", async () => {
    const a = await guards.passwordAttempt("192.0.2.1", "alice", "Default");
    if (!a.allowed) throw new Error("expected an allowed attempt");
    await a.giveBack();
    const b = await guards.passwordAttempt("192.0.2.1", "alice", "Default");
    expect(b.allowed && b.attemptsLeft).toBe(USERNAME_FAILURES.max - 1);
  });

  it("limits password changes per user", async () => {
    for (let i = 0; i < PASSWORD_CHANGE_FAILURES.max; i++) expect((await guards.passwordChangeAttempt("alice")).allowed).toBe(true);
    expect((await guards.passwordChangeAttempt("alice")).allowed).toBe(false);
    expect((await guards.passwordChangeAttempt("bob")).allowed).toBe(true);
  });

  it("keeps password and passcode counters apart", async () => {
    await failPasscodes("same", PASSCODE_FAILURES.max);
    expect((await guards.passwordAttempt("same", "same", "Default")).allowed).toBe(true);
  });
});

describe("the first page after sign-in", () => {
  it("may skip validating a token once, on every instance sharing the store", async () => {
    expect(await guards.claimFirstPage("token-a")).toBe(true);
    expect(await guards.claimFirstPage("token-a")).toBe(false);
    expect(await createGuards(store, SECRET).claimFirstPage("token-a")).toBe(false);
    advance(FIRST_PAGE_SECONDS);
    expect(await guards.claimFirstPage("token-a")).toBe(false);
    expect(await guards.claimFirstPage("token-b")).toBe(true);
  });

  it("is claimed by one of ten requests sent at once to two instances", async () => {
    const other = createGuards(store, SECRET);
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : guards).claimFirstPage("token-c")));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

describe("the MFA policy version", () => {
  it("moves with every change, and every instance sharing the store sees it", async () => {
    const other = createGuards(store, SECRET);
    const before = await other.policyVersion();
    await guards.policyChanged();
    expect(await other.policyVersion()).not.toBe(before);
  });
});

describe("passcode replay guard", () => {
  it("refuses a passcode already used by the same user", async () => {
    expect(await guards.claimPasscode("alice", "123456")).toBe(true);
    expect(await guards.claimPasscode("alice", "123456")).toBe(false);
    expect(await guards.claimPasscode("alice", "654321")).toBe(true);
    expect(await guards.claimPasscode("bob", "123456")).toBe(true);
  });

  it("gives a released passcode back", async () => {
    await guards.claimPasscode("alice", "123456");
    await guards.releasePasscode("alice", "123456");
    expect(await guards.claimPasscode("alice", "123456")).toBe(true);
  });

  it("remembers a used passcode for the replay window only", async () => {
    await guards.claimPasscode("alice", "123456");
    advance(REPLAY_WINDOW_SECONDS - 1);
    expect(await guards.claimPasscode("alice", "123456")).toBe(false);
    advance(1);
    expect(await guards.claimPasscode("alice", "123456")).toBe(true);
  });

  it("is shared by instances with the same secret, and only by them", async () => {
    await guards.claimPasscode("alice", "123456");
    expect(await createGuards(store, SECRET).claimPasscode("alice", "123456")).toBe(false);
    expect(await createGuards(store, "t".repeat(32)).claimPasscode("alice", "123456")).toBe(true);
  });

  it("never puts the passcode into a store key", async () => {
    const keys: string[] = [];
    const record = (key: string) => {
      keys.push(key);
      return key;
    };
    const recording: SecurityStore = {
      hit: (key, windowSeconds) => store.hit(record(key), windowSeconds),
      peek: (key) => store.peek(record(key)),
      release: (key) => store.release(record(key)),
      claim: (key, ttlSeconds) => store.claim(record(key), ttlSeconds),
      delete: (key) => store.delete(record(key)),
    };
    const recorded = createGuards(recording, SECRET);
    await recorded.claimPasscode("alice", "987654");
    await recorded.releasePasscode("alice", "987654");
    await recorded.passcodeAttempt("alice");
    await recorded.passcodeBlockedFor("alice");
    await recorded.passwordAttempt("192.0.2.1", "alice-the-user", "Default");

    expect(keys).toHaveLength(6);
    expect(keys[5]).toMatch(/^username-failures:[0-9a-f]{64}$/);
    for (const key of keys) expect(key).not.toContain("alice-the-user");
    expect(keys[0]).toMatch(/^passcode-used:[0-9a-f]{64}$/);
    expect(keys[1]).toBe(keys[0]);
    for (const key of keys) expect(key).not.toContain("987654");
  });
});
