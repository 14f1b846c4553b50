import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { CONFIG_VARIABLES } from "./lib/config";
import { e2eServers, e2eStack, e2eWorkers } from "./tests/support/e2e-servers";
import { ensureTestKeystones, readSeed, testKeystonesOf, type Seed } from "./tests/support/test-keystone";

// Shared with the workers (they inherit the environment) so tests can read their own session cookie.
process.env.E2E_AUTH_SECRET ??= randomBytes(33).toString("base64");
const stacks = Array.from({ length: e2eWorkers }, (_, stack) => stack);
// The runner process brings the test Keystones up (idempotent); its workers only read the seeds.
if (process.env.TEST_WORKER_INDEX === undefined) {
  ensureTestKeystones(stacks.flatMap((stack) => Object.values(testKeystonesOf(stack))));
}

/** Every variable the dashboard reads (README, Configuration), set here even when empty. */
const CONFIGURATION = [...CONFIG_VARIABLES, "AUDIT_LOG_FILE", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"];

export default defineConfig({
  testDir: "e2e",
  // Once the dashboards answer: load each page once, so no spec waits for a cold server.
  globalSetup: "e2e/global-setup.ts",
  fullyParallel: false,
  workers: e2eWorkers,
  retries: 0,
  // Generous, as the machine is shared with other test runs: under load the slowest test (two
  // authenticators, which also waits for two fresh passcodes) took 1.5 minutes.
  timeout: 180_000,
  // How long a step waits for what the user waits for (a sign-in, a page), for the same reason.
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: e2eServers.main,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  // Each worker has a stack of servers of its own, Keystones included (tests/support/e2e-servers.ts).
  webServer: stacks.flatMap(stackServers),
});

/**
 * The servers of one stack: the dashboard under test; a second one, without a service account, in
 * front of the short-receipt Keystone; two instances sharing a Redis behind a counting proxy; and one
 * that enforces MFA without keeping application credentials working.
 */
function stackServers(stack: number) {
  const servers = e2eStack(stack);
  const keystones = testKeystonesOf(stack);
  const seed = readSeed(keystones.main);
  return [
    dashboard(servers.main, seed, true, { AUDIT_LOG_FILE: servers.auditLog }),
    dashboard(servers.noServiceAccount, readSeed(keystones.short), false, {}),
    {
      command: `redis-server --port ${servers.redisPort} --bind 127.0.0.1 --save "" --appendonly no`,
      port: servers.redisPort,
      reuseExistingServer: false,
      stdout: "ignore" as const,
    },
    {
      command: `node tests/support/counting-proxy.mjs ${new URL(servers.countingProxy).port} ${new URL(seed.keystoneUrl).origin}`,
      url: `${servers.countingProxy}/__counts`,
      reuseExistingServer: false,
    },
    ...servers.pair.map((url) =>
      dashboard(url, { ...seed, keystoneUrl: `${servers.countingProxy}/v3` }, true, {
        REDIS_URL: `redis://127.0.0.1:${servers.redisPort}`,
        // The specs play the reverse proxy in front of the pair, to spread attempts over addresses.
        TRUSTED_PROXIES: "127.0.0.1,::1",
        AUDIT_LOG_FILE: servers.pairAuditLog,
      }),
    ),
    dashboard(servers.noApplicationCredentials, seed, true, { MFA_ALLOW_APPLICATION_CREDENTIALS: "false" }),
  ];
}

/**
 * A dashboard under test: `node server.mjs` on the tests' own build, with its whole configuration given
 * here. Next.js never lets a .env file override a variable that is set, even to "", so a
 * .env.local in the clone cannot reach it.
 */
function dashboard(url: string, keystone: Seed, serviceAccount: boolean, extra: Record<string, string>) {
  const service: Record<string, string> = serviceAccount
    ? {
        KEYSTONE_SERVICE_USER: keystone.users.service.name,
        KEYSTONE_SERVICE_PASSWORD: keystone.users.service.password,
        KEYSTONE_SERVICE_DOMAIN: keystone.users.service.domain,
      }
    : {};
  return {
    command: `node server.mjs -p ${new URL(url).port}`,
    url: `${url}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore" as const,
    env: {
      NEXT_DIST_DIR: e2eServers.distDir,
      ...Object.fromEntries(CONFIGURATION.map((name) => [name, ""])),
      KEYSTONE_URL: keystone.keystoneUrl,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET!,
      AUTH_TRUST_HOST: "true",
      KEYSTONE_TIMEOUT_MS: "10000",
      ...service,
      MFA_ISSUER: "OpenStack E2E",
      DASHBOARD_TITLE: "OpenStack Dashboard",
      ...extra,
    },
  };
}
