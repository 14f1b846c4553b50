import "server-only";
import { config } from "@/lib/config";
import { processWide } from "@/lib/process-wide";
import { createGuards } from "./limits";
import { createMemoryStore } from "./memory-store";
import { createRedisStore } from "./redis-store";
import type { SecurityStore } from "./store";

/** The security store of this process: Redis when REDIS_URL is set (shared by instances), else in memory. */
export function securityStore(): SecurityStore {
  return processWide("security-store", () => {
    const redisUrl = config().REDIS_URL;
    return redisUrl ? createRedisStore(redisUrl) : createMemoryStore();
  });
}

/** The attempt limits and replay guard of this process, on its security store. */
export const securityGuards = () => createGuards(securityStore(), config().AUTH_SECRET);
