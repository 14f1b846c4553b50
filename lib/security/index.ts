import "server-only";
import { config } from "@/lib/config";
import { createGuards } from "./limits";
import { createMemoryStore } from "./memory-store";
import { createRedisStore } from "./redis-store";
import type { SecurityStore } from "./store";

let store: SecurityStore | undefined;

/** The security store of this process: Redis when REDIS_URL is set (shared by instances), else in memory. */
export function securityStore(): SecurityStore {
  const redisUrl = config().REDIS_URL;
  store ??= redisUrl ? createRedisStore(redisUrl) : createMemoryStore();
  return store;
}

/** The attempt limits and replay guard of this process, on its security store. */
export const securityGuards = () => createGuards(securityStore(), config().AUTH_SECRET);
