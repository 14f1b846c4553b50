import { beforeEach, describe, expect, it } from "vitest";
import { createGuards } from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";
import { recoveryCodes, RecoveryCodesBusy, type RecoveryDeps } from "@/lib/mfa/recovery";
import {
  CODES_PER_SET,
  findRecoveryCode,
  hashRecoveryCodes,
  newRecoveryCodes,
  normalizeRecoveryCode,
  parseRecoverySet,
  RECOVERY_CREDENTIAL_TYPE,
} from "@/lib/mfa/recovery-codes";
import { createFakeKeystone, type FakeKeystone } from "../support/fake-keystone";

const NOW = new Date("2026-05-01T12:00:00Z");

describe("recovery codes", () => {
  it("are 10 distinct codes of 10 base32 characters (50 bits), grouped 5-5 for reading", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(CODES_PER_SET);
    expect(new Set(codes).size).toBe(CODES_PER_SET);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it("use every character of the alphabet about equally (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) for (const c of newRecoveryCodes().join("").replaceAll("-", "")) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 40,000 characters: 1,250 expected each; 5 standard deviations is about ±170.
    for (const n of counts.values()) expect(Math.abs(n - 1250)).toBeLessThan(200);
  });

  it.each([
    ["k7m2q-x9p4t", "k7m2qx9p4t"],
    [" K7M2Q X9P4T ", "k7m2qx9p4t"],
    ["k7m2qx9p4t", "k7m2qx9p4t"],
    ["1ol0i-x9p4t", "10101x9p4t"],
  ])("read %j as %j", (typed, code) => expect(normalizeRecoveryCode(typed)).toBe(code));

  it.each(["", "k7m2q", "k7m2q-x9p4t-a", "k7m2q-x9p4u", "k7m2q_x9p4t", "k7m2q-x9p4\u0000", "１２３４５６７８９０", "a".repeat(65), 123, null])(
    "refuse %j as a code",
    (typed) => expect(normalizeRecoveryCode(typed)).toBeNull(),
  );

  it("are stored only as salted hashes: the blob holds no code, and another user's id matches nothing", async () => {
    const codes = newRecoveryCodes();
    const set = await hashRecoveryCodes("alice", codes, NOW);
    const blob = JSON.stringify(set);
    for (const code of codes) {
      expect(blob).not.toContain(code);
      expect(blob).not.toContain(normalizeRecoveryCode(code));
    }
    expect(set.kdf).toEqual({ name: "scrypt", N: 16384, r: 8, p: 1, keylen: 32 });
    expect(await findRecoveryCode("alice", set, normalizeRecoveryCode(codes[3])!)).toEqual({ index: 3, used: false });
    expect(await findRecoveryCode("bob", set, normalizeRecoveryCode(codes[3])!)).toBeNull();
    // The same codes hashed again get another salt, so other hashes.
    const again = await hashRecoveryCodes("alice", codes, NOW);
    expect(again.codes[0].hash).not.toBe(set.codes[0].hash);
  });

  it("trust only a blob of the dashboard's shape, within bounds that keep a check cheap", async () => {
    const set = await hashRecoveryCodes("alice", newRecoveryCodes(), NOW);
    expect(parseRecoverySet(JSON.stringify(set))).toEqual(set);
    for (const planted of [
      "not json",
      "k7m2qx9p4t",
      JSON.stringify({ ...set, v: 2 }),
      JSON.stringify({ ...set, kdf: { ...set.kdf, N: 2 ** 22 } }),
      JSON.stringify({ ...set, kdf: { ...set.kdf, N: 3000 } }),
      JSON.stringify({ ...set, kdf: { ...set.kdf, r: 1000 } }),
      JSON.stringify({ ...set, codes: [] }),
      JSON.stringify({ ...set, codes: set.codes.map((c) => ({ ...c, code: "k7m2qx9p4t" })).map(({ hash: _, ...c }) => c) }),
    ]) {
      expect(parseRecoverySet(planted)).toBeNull();
    }
  });
});

describe("recovery codes kept in Keystone", () => {
  let ks: FakeKeystone;
  let deps: RecoveryDeps;
  let token: string;
  const blobs = () => [...ks.credentials.values()].filter((c) => c.type === RECOVERY_CREDENTIAL_TYPE).map((c) => c.blob);
  const normal = (code: string) => normalizeRecoveryCode(code)!;

  beforeEach(() => {
    ks = createFakeKeystone();
    ks.addUser({ id: "alice", name: "alice" });
    token = ks.tokenFor("alice");
    deps = { keystone: ks.keystone, locks: createGuards(createMemoryStore(), "s".repeat(32)), now: () => NOW, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  });

  it("a code works once: the second use is refused as used before", async () => {
    const store = recoveryCodes(deps);
    const [code] = await store.replace(token, "alice");
    expect(await store.redeem(token, "alice", normal(code))).toEqual({ outcome: "used", left: 9 });
    expect(await store.redeem(token, "alice", normal(code))).toEqual({ outcome: "used before" });
    expect(await store.summary(token, "alice")).toEqual({ left: 9, total: 10 });
    expect(await store.redeem(token, "alice", "0000000000")).toEqual({ outcome: "wrong" });
  });

  it("ten submissions of one code at once: one is used, nine are refused, one write reaches Keystone", async () => {
    const store = recoveryCodes(deps);
    const [code] = await store.replace(token, "alice");
    ks.writes.length = 0;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.redeem(token, "alice", normal(code))));
    expect(outcomes.filter((o) => o.outcome === "used")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "used before")).toHaveLength(9);
    expect(ks.writes).toEqual(["PATCH credential alice"]);
  });

  it("two different codes at once both keep their used mark", async () => {
    const store = recoveryCodes(deps);
    const codes = await store.replace(token, "alice");
    const outcomes = await Promise.all(codes.slice(0, 4).map((c) => store.redeem(token, "alice", normal(c))));
    expect(outcomes.map((o) => o.outcome)).toEqual(["used", "used", "used", "used"]);
    expect(await store.summary(token, "alice")).toEqual({ left: 6, total: 10 });
  });

  it("without the lock, codes used at once lose marks (why it is there)", async () => {
    const unlocked = recoveryCodes({ ...deps, locks: { lockRecoveryCodes: async () => true, unlockRecoveryCodes: async () => {} } });
    const codes = await unlocked.replace(token, "alice");
    const [code] = codes;
    const same = await Promise.all(Array.from({ length: 10 }, () => unlocked.redeem(token, "alice", normal(code))));
    expect(same.filter((o) => o.outcome === "used").length).toBeGreaterThan(1);
    await Promise.all(codes.slice(1, 5).map((c) => unlocked.redeem(token, "alice", normal(c))));
    expect((await unlocked.summary(token, "alice"))!.left).toBeGreaterThan(5);
  });

  it("regenerating voids the old set in one write, and leaves one credential", async () => {
    const store = recoveryCodes(deps);
    const old = await store.replace(token, "alice");
    ks.writes.length = 0;
    const fresh = await store.replace(token, "alice");
    expect(ks.writes).toEqual(["PATCH credential alice"]);
    expect(blobs()).toHaveLength(1);
    expect(await store.redeem(token, "alice", normal(old[0]))).toEqual({ outcome: "wrong" });
    expect(await store.redeem(token, "alice", normal(fresh[0]))).toMatchObject({ outcome: "used" });
  });

  it("a set the dashboard did not write counts as none, and regenerating removes it", async () => {
    await ks.keystone.credentials.create(token, "alice", RECOVERY_CREDENTIAL_TYPE, '{"codes":["k7m2qx9p4t"]}');
    const store = recoveryCodes(deps);
    expect(await store.summary(token, "alice")).toBeNull();
    expect(await store.redeem(token, "alice", "k7m2qx9p4t")).toEqual({ outcome: "no codes" });
    await store.replace(token, "alice");
    expect(blobs()).toHaveLength(1);
    expect(parseRecoverySet(blobs()[0])).not.toBeNull();
  });

  it("voiding removes every set", async () => {
    const store = recoveryCodes(deps);
    const [code] = await store.replace(token, "alice");
    expect(await store.voidAll(token, "alice")).toBe(1);
    expect(blobs()).toEqual([]);
    expect(await store.redeem(token, "alice", normal(code))).toEqual({ outcome: "no codes" });
  });

  it("gives up with no verdict while another request holds the lock for too long", async () => {
    let clock = NOW.getTime();
    const store = recoveryCodes({ ...deps, now: () => new Date(clock), sleep: async (ms) => void (clock += ms) });
    await deps.locks.lockRecoveryCodes("alice");
    await expect(store.redeem(token, "alice", "k7m2qx9p4t")).rejects.toBeInstanceOf(RecoveryCodesBusy);
    expect(ks.writes).toEqual([]);
  });
});
