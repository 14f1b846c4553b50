import { describe, expect, it } from "vitest";
import { MfaChangeBusy, oneChangeAtATime } from "@/lib/mfa/change-lock";
import { createGuards } from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";

// whileHolding (lib/security/user-lock.ts) through the MFA changes' lock, as the use cases take it.
const guards = () => createGuards(createMemoryStore(), "s".repeat(32));

describe("a user's lock in the security store", () => {
  it("runs one holder at a time, in turn, and gives the lock back when the holder fails", async () => {
    const g = guards();
    const clock = { now: () => new Date(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
    const order: string[] = [];
    const holder = (name: string, fail = false) =>
      oneChangeAtATime(g, clock)("bob", async () => {
        order.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${name} out`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([holder("a", true), holder("b")]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["a failed", "b"]);
    expect(await g.lockMfaChanges("bob")).toBe(true); // given back after both
  });

  it("throws busy after waiting 15 s for a lock another request keeps", async () => {
    const g = guards();
    await g.lockMfaChanges("bob");
    let t = 0;
    const clock = { now: () => new Date(t), sleep: async (ms: number) => void (t += ms) };
    let ran = false;
    await expect(oneChangeAtATime(g, clock)("bob", async () => void (ran = true))).rejects.toThrow(MfaChangeBusy);
    expect(ran).toBe(false);
    expect(t).toBeGreaterThan(15_000);
    expect(t).toBeLessThan(15_200);
  });
});
