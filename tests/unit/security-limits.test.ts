import { beforeEach, describe, expect, it } from "vitest";
import { createGuards, PASSCODE_FAILURES, PASSWORD_FAILURES, REPLAY_WINDOW_SECONDS } from "@/lib/security/limits";
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

describe("passcode attempt limit", () => {
  it("allows five wrong passcodes, then blocks for the rest of the window", async () => {
    const results = [];
    for (let i = 0; i < PASSCODE_FAILURES.max; i++) {
      expect(await guards.passcodeBlockedFor("alice")).toBe(0);
      results.push(await guards.passcodeFailed("alice"));
      advance(10);
    }
    expect(results.map((r) => r.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    expect(results.map((r) => r.blockedFor)).toEqual([0, 0, 0, 0, 300 - 40]);
    // The sixth attempt, 50 s after the first failure, waits for the window to end.
    expect(await guards.passcodeBlockedFor("alice")).toBe(250);
  });

  it("lifts the block when the window ends", async () => {
    for (let i = 0; i < PASSCODE_FAILURES.max; i++) await guards.passcodeFailed("alice");
    advance(PASSCODE_FAILURES.windowSeconds - 1);
    expect(await guards.passcodeBlockedFor("alice")).toBe(1);
    advance(1);
    expect(await guards.passcodeBlockedFor("alice")).toBe(0);
    expect(await guards.passcodeFailed("alice")).toEqual({ attemptsLeft: 4, blockedFor: 0 });
  });

  it("counts each user on their own", async () => {
    for (let i = 0; i < PASSCODE_FAILURES.max; i++) await guards.passcodeFailed("alice");
    expect(await guards.passcodeBlockedFor("bob")).toBe(0);
    expect(await guards.passcodeFailed("bob")).toEqual({ attemptsLeft: 4, blockedFor: 0 });
  });

  it("keeps counting past the limit without extending the window", async () => {
    for (let i = 0; i < PASSCODE_FAILURES.max; i++) await guards.passcodeFailed("alice");
    advance(100);
    expect(await guards.passcodeFailed("alice")).toEqual({ attemptsLeft: 0, blockedFor: 200 });
  });
});

describe("password attempt limit", () => {
  it("blocks an address after twenty wrong passwords in the window", async () => {
    for (let i = 1; i < PASSWORD_FAILURES.max; i++) {
      expect(await guards.passwordFailed("192.0.2.1")).toEqual({ blockedFor: 0 });
    }
    expect(await guards.passwordBlockedFor("192.0.2.1")).toBe(0);
    expect(await guards.passwordFailed("192.0.2.1")).toEqual({ blockedFor: 300 });
    advance(60);
    expect(await guards.passwordBlockedFor("192.0.2.1")).toBe(240);
    expect(await guards.passwordBlockedFor("192.0.2.2")).toBe(0);
    advance(240);
    expect(await guards.passwordBlockedFor("192.0.2.1")).toBe(0);
  });

  it("keeps password and passcode counters apart", async () => {
    for (let i = 0; i < PASSCODE_FAILURES.max; i++) await guards.passcodeFailed("same");
    expect(await guards.passwordBlockedFor("same")).toBe(0);
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
      claim: (key, ttlSeconds) => store.claim(record(key), ttlSeconds),
      delete: (key) => store.delete(record(key)),
    };
    const recorded = createGuards(recording, SECRET);
    await recorded.claimPasscode("alice", "987654");
    await recorded.releasePasscode("alice", "987654");
    await recorded.passcodeFailed("alice");
    await recorded.passcodeBlockedFor("alice");

    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(/^passcode-used:[0-9a-f]{64}$/);
    expect(keys[1]).toBe(keys[0]);
    for (const key of keys) expect(key).not.toContain("987654");
  });
});
