import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryStore } from "@/lib/security/memory-store";
import type { SecurityStore } from "@/lib/security/store";
import { securityStoreContract } from "../support/security-store-contract";

let clock = 0;
let store: SecurityStore;

beforeEach(() => {
  clock = 1_700_000_000_000;
  store = createMemoryStore(() => clock);
});

describe("memory security store", () => {
  securityStoreContract({
    store: () => store,
    wait: async (seconds) => {
      clock += seconds * 1000;
    },
  });

  it("rounds the seconds left up, so a live counter never reports 0", async () => {
    await store.hit("k", 10);
    clock += 9_999;
    expect(await store.peek("k")).toEqual({ count: 1, resetInSeconds: 1 });
    clock += 1;
    expect(await store.peek("k")).toEqual({ count: 0, resetInSeconds: 0 });
  });

  it("sweeps out expired entries as it grows, though nobody asks for them again", async () => {
    const deleted = vi.spyOn(Map.prototype, "delete");
    for (let i = 0; i < 20_000; i++) {
      await store.claim(`code:${i}`, 1);
      clock += 10; // at most 100 claims are live at a time
    }
    const deletions = deleted.mock.calls.length;
    deleted.mockRestore();
    expect(deletions).toBeGreaterThan(18_000);
    expect(await store.claim("code:19999", 1)).toBe(false);
  });
});
