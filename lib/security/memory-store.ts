import type { SecurityStore } from "./store";

interface Entry {
  count: number;
  expiresAt: number;
}

const FIRST_SWEEP_AT = 1_000;

/** A SecurityStore for a single process. */
export function createMemoryStore(now = () => Date.now()): SecurityStore {
  const entries = new Map<string, Entry>();
  // Sweeping only once the map has doubled keeps inserts cheap even when every entry is live.
  let sweepAt = FIRST_SWEEP_AT;

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const insert = (key: string, entry: Entry) => {
    if (entries.size >= sweepAt) {
      for (const [k, e] of entries) if (e.expiresAt <= now()) entries.delete(k);
      sweepAt = Math.max(FIRST_SWEEP_AT, entries.size * 2);
    }
    entries.set(key, entry);
    return entry;
  };

  const counter = (entry: Entry | undefined) =>
    entry ? { count: entry.count, resetInSeconds: Math.ceil((entry.expiresAt - now()) / 1000) } : { count: 0, resetInSeconds: 0 };

  return {
    async hit(key, windowSeconds) {
      const entry = live(key) ?? insert(key, { count: 0, expiresAt: now() + windowSeconds * 1000 });
      entry.count += 1;
      return counter(entry);
    },
    async release(key) {
      const entry = live(key);
      if (entry) entry.count = Math.max(0, entry.count - 1);
    },
    async peek(key) {
      return counter(live(key));
    },
    async claim(key, ttlSeconds) {
      if (live(key)) return false;
      insert(key, { count: 1, expiresAt: now() + ttlSeconds * 1000 });
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
