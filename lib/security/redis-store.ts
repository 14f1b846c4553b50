import { createClient } from "redis";
import type { SecurityStore } from "./store";

const KEY_PREFIX = "mfa-dashboard:";
const TIMEOUT_MS = 2_000;
// DECR that never goes below zero nor creates a key (a released counter keeps its window).
const RELEASE = "if (tonumber(redis.call('GET', KEYS[1]) or '0') > 0) then return redis.call('DECR', KEYS[1]) end return 0";

const unavailable = (cause: Error | undefined) =>
  new Error(`Security store: Redis is unavailable${cause ? ` (${cause.message})` : ""}`, { cause });

/**
 * A SecurityStore in Redis, shared by every dashboard instance using the same server.
 * Connects on first use. Fails closed: every call rejects within TIMEOUT_MS when Redis is unreachable.
 */
export function createRedisStore(url: string): SecurityStore & { close(): Promise<void> } {
  const client = createClient({
    url,
    // Reject at once while reconnecting instead of queueing commands the caller has given up on.
    disableOfflineQueue: true,
    socket: { connectTimeout: TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
  });
  // The socket alone must not keep a process (e.g. a test run) alive.
  client.unref();
  // The last connection error since Redis was last ready. Listening also keeps node-redis from crashing the process.
  let outage: Error | undefined;
  client.on("error", (error: Error) => {
    if (!outage) console.error(`Security store: Redis error: ${error.message}`);
    outage = error;
  });
  client.on("ready", () => {
    outage = undefined;
  });

  let connecting: Promise<unknown> | undefined;

  async function run<T>(command: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(new Error(`Security store: Redis did not answer within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
    });
    const work = (async () => {
      connecting ??= client.connect();
      // Known to be down: fail now rather than make every caller wait for the timeout.
      if (!client.isReady && outage) throw unavailable(outage);
      await connecting;
      // MULTI ignores disableOfflineQueue, and a late command must not act for a caller that timed out.
      if (expired || !client.isReady) throw unavailable(outage);
      return command();
    })();
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  const counter = (count: unknown, ttlMs: number) =>
    ttlMs > 0 ? { count: Number(count), resetInSeconds: Math.ceil(ttlMs / 1000) } : { count: 0, resetInSeconds: 0 };

  return {
    hit: (key, windowSeconds) =>
      run(async () => {
        const k = KEY_PREFIX + key;
        const [count, , ttlMs] = await client.multi().incr(k).expire(k, windowSeconds, "NX").pTTL(k).execTyped();
        return counter(count, ttlMs);
      }),
    release: (key) =>
      run(async () => {
        await client.eval(RELEASE, { keys: [KEY_PREFIX + key] });
      }),
    peek: (key) =>
      run(async () => {
        const k = KEY_PREFIX + key;
        const [count, ttlMs] = await client.multi().get(k).pTTL(k).execTyped();
        return counter(count, ttlMs);
      }),
    claim: (key, ttlSeconds) =>
      run(async () => {
        const reply = await client.set(KEY_PREFIX + key, "1", {
          condition: "NX",
          expiration: { type: "EX", value: ttlSeconds },
        });
        return reply !== null;
      }),
    delete: (key) =>
      run(async () => {
        await client.del(KEY_PREFIX + key);
      }),
    async close() {
      if (client.isOpen) client.destroy();
    },
  };
}
