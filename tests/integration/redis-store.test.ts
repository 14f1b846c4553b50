import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedisStore } from "@/lib/security/redis-store";
import { securityStoreContract } from "../support/security-store-contract";
import { e2eWorkers } from "../support/e2e-servers";
import { testKeystone } from "../support/test-keystone";

// This run's loopback ports for throwaway Redis servers, and one where nothing listens: after its
// test Keystones' (two per e2e stack from TEST_KEYSTONE_PORT on), so runs given other ports never share one.
const base = Number(testKeystone.port) + 2 * e2eWorkers;
const redisPort = { store: base, restarted: base + 1, nothing: base + 2 };

/** A throwaway redis-server on a loopback port, without persistence; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const args = ["--save", "", "--appendonly", "no", "--port", String(port), "--bind", "127.0.0.1"];
  const redis = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    redis.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    redis.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    redis.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run redis-server (apt-get install -y --no-install-recommends redis-server): ${e.message}`));
    });
    redis.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return redis;
}

async function stopRedis(redis: ChildProcess | undefined) {
  if (!redis || redis.exitCode !== null) return;
  redis.kill("SIGTERM");
  await once(redis, "exit");
}

describe("Redis security store", () => {
  let redis: ChildProcess | undefined;
  let url: string;
  let store: ReturnType<typeof createRedisStore>;
  let otherInstance: ReturnType<typeof createRedisStore>;

  beforeAll(async () => {
    const port = redisPort.store;
    redis = await startRedis(port);
    url = `redis://127.0.0.1:${port}`;
    store = createRedisStore(url);
    otherInstance = createRedisStore(url);
  });

  afterAll(async () => {
    await store?.close();
    await otherInstance?.close();
    await stopRedis(redis);
  });

  // Redis expires a key only once its time has strictly passed, hence the margin.
  securityStoreContract({ store: () => store, wait: (seconds) => sleep(seconds * 1000 + 50) });

  it("keeps its keys under mfa-dashboard:", async () => {
    const raw = createClient({ url });
    await raw.connect();
    try {
      await store.hit("prefix-check", 60);
      expect(await raw.get("mfa-dashboard:prefix-check")).toBe("1");
      expect(await raw.exists("prefix-check")).toBe(0);
    } finally {
      raw.destroy();
    }
  });

  it("shares counters and claims between instances", async () => {
    await store.hit("shared-counter", 60);
    expect(await otherInstance.hit("shared-counter", 60)).toEqual({ count: 2, resetInSeconds: 60 });
    expect(await store.peek("shared-counter")).toEqual({ count: 2, resetInSeconds: 60 });

    expect(await store.claim("shared-claim", 60)).toBe(true);
    expect(await otherInstance.claim("shared-claim", 60)).toBe(false);
    await otherInstance.delete("shared-claim");
    expect(await store.claim("shared-claim", 60)).toBe(true);
  });

  it("lets exactly one of concurrent claims from two instances win", async () => {
    const claims = Array.from({ length: 10 }, (_, i) => (i % 2 ? store : otherInstance).claim("raced-claim", 60));
    expect((await Promise.all(claims)).filter(Boolean)).toHaveLength(1);
  });
});

describe("Redis security store without Redis", () => {
  it("rejects within a couple of seconds when nothing listens, reporting the outage once", async () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const store = createRedisStore(`redis://127.0.0.1:${redisPort.nothing}`);
    try {
      const started = Date.now();
      await expect(store.hit("k", 60)).rejects.toThrow(Error);
      expect(Date.now() - started).toBeLessThan(3_000);
      // Once the outage is known, callers are not kept waiting.
      const again = Date.now();
      await expect(store.claim("k", 60)).rejects.toThrow(/unavailable.*ECONNREFUSED/);
      expect(Date.now() - again).toBeLessThan(500);
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0][0])).toMatch(/Redis/);
    } finally {
      await store.close();
      stderr.mockRestore();
    }
  });

  it("rejects within a couple of seconds when Redis does not answer", async () => {
    const silent: Socket[] = [];
    const server = createServer((socket) => silent.push(socket)).listen(0, "127.0.0.1");
    await once(server, "listening");
    const store = createRedisStore(`redis://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const started = Date.now();
      await expect(store.claim("k", 60)).rejects.toThrow(/did not answer/);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(silent).toHaveLength(1);
    } finally {
      await store.close();
      for (const socket of silent) socket.destroy();
      server.close();
    }
  });

  it("fails closed while Redis is down and works again once it is back", async () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const port = redisPort.restarted;
    let redis = await startRedis(port);
    const store = createRedisStore(`redis://127.0.0.1:${port}`);
    try {
      expect(await store.claim("before", 60)).toBe(true);

      await stopRedis(redis);
      const started = Date.now();
      await expect(store.claim("during", 60)).rejects.toThrow(Error);
      expect(Date.now() - started).toBeLessThan(3_000);

      redis = await startRedis(port);
      await vi.waitFor(async () => expect(await store.claim("after", 60)).toBe(true), { timeout: 10_000, interval: 200 });
      // A fresh server without persistence: the claim refused while down was never made.
      expect(await store.claim("during", 60)).toBe(true);
    } finally {
      await store.close();
      await stopRedis(redis);
      stderr.mockRestore();
    }
  });
});
