import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { SecurityStore } from "@/lib/security/store";

export interface StoreUnderTest {
  /** The store to test, read inside each test (it may be created in a hook). */
  store: () => SecurityStore;
  /** Lets the given seconds pass for the store: a fake clock, or a real wait. */
  wait: (seconds: number) => Promise<void>;
}

/** The behaviour every SecurityStore must have. Call inside a describe block. */
export function securityStoreContract({ store, wait }: StoreUnderTest) {
  // Fresh keys per test, so a shared server needs no cleanup between tests.
  const key = (name: string) => `${name}:${randomUUID()}`;

  it("counts hits within a window that starts at the first hit", async () => {
    const k = key("counter");
    expect(await store().hit(k, 2)).toEqual({ count: 1, resetInSeconds: 2 });
    await wait(1);
    expect(await store().hit(k, 2)).toEqual({ count: 2, resetInSeconds: 1 });
    expect(await store().peek(k)).toEqual({ count: 2, resetInSeconds: 1 });
  });

  it("starts a new window once the old one has passed", async () => {
    const k = key("counter");
    await store().hit(k, 1);
    await store().hit(k, 1);
    await wait(1);
    expect(await store().peek(k)).toEqual({ count: 0, resetInSeconds: 0 });
    expect(await store().hit(k, 1)).toEqual({ count: 1, resetInSeconds: 1 });
  });

  it("peeks without counting, and reports an absent counter as 0 and 0", async () => {
    const k = key("counter");
    expect(await store().peek(k)).toEqual({ count: 0, resetInSeconds: 0 });
    await store().hit(k, 60);
    expect(await store().peek(k)).toEqual({ count: 1, resetInSeconds: 60 });
    expect(await store().peek(k)).toEqual({ count: 1, resetInSeconds: 60 });
  });

  it("takes hits back, never below zero, keeping the window", async () => {
    const k = key("counter");
    await store().hit(k, 60);
    await store().hit(k, 60);
    await store().release(k);
    expect(await store().peek(k)).toEqual({ count: 1, resetInSeconds: 60 });
    await store().release(k);
    await store().release(k);
    expect((await store().peek(k)).count).toBe(0);
    expect(await store().hit(k, 60)).toEqual({ count: 1, resetInSeconds: 60 });
    await store().release(key("absent"));
    expect(await store().peek(key("absent"))).toEqual({ count: 0, resetInSeconds: 0 });
  });

  it("counts concurrent hits one by one", async () => {
    const k = key("counter");
    const counts = await Promise.all(Array.from({ length: 30 }, () => store().hit(k, 60)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("keeps counters apart by key", async () => {
    const a = key("a");
    const b = key("b");
    await store().hit(a, 60);
    await store().hit(a, 60);
    expect(await store().hit(b, 60)).toEqual({ count: 1, resetInSeconds: 60 });
  });

  it("deletes a counter", async () => {
    const k = key("counter");
    await store().hit(k, 60);
    await store().delete(k);
    expect(await store().peek(k)).toEqual({ count: 0, resetInSeconds: 0 });
  });

  it("claims a key once until it expires", async () => {
    const k = key("claim");
    expect(await store().claim(k, 1)).toBe(true);
    expect(await store().claim(k, 1)).toBe(false);
    await wait(1);
    expect(await store().claim(k, 1)).toBe(true);
  });

  it("claims a key again once it is deleted", async () => {
    const k = key("claim");
    expect(await store().claim(k, 60)).toBe(true);
    await store().delete(k);
    expect(await store().claim(k, 60)).toBe(true);
  });

  it("lets exactly one of concurrent claims win", async () => {
    const k = key("claim");
    const results = await Promise.all(Array.from({ length: 10 }, () => store().claim(k, 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("deleting an absent key is harmless", async () => {
    await expect(store().delete(key("absent"))).resolves.toBeUndefined();
  });
}
