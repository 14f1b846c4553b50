import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { CONFIG_VARIABLES } from "./lib/config";
import { e2eServers } from "./tests/support/e2e-servers";
import { ensureTestKeystone, readSeed, shortReceiptKeystone, type Seed } from "./tests/support/test-keystone";

const port = e2eServers.ports.dashboard;
// Shared with the workers (they inherit the environment) so tests can read their own session cookie.
process.env.E2E_AUTH_SECRET ??= randomBytes(33).toString("base64");
// The audit log of the dashboard under test, which the specs read back.
const auditLog = (process.env.E2E_AUDIT_LOG ??= join(tmpdir(), `dashboard-audit-${process.pid}.jsonl`));
const pairAuditLog = (process.env.E2E_PAIR_AUDIT_LOG ??= join(tmpdir(), `dashboard-pair-audit-${process.pid}.jsonl`));
// The runner process brings the test Keystone up (idempotent); its workers only read the seed.
const inRunner = process.env.TEST_WORKER_INDEX === undefined;
const seed = inRunner ? ensureTestKeystone() : readSeed();
const shortSeed = inRunner ? ensureTestKeystone(shortReceiptKeystone) : readSeed(shortReceiptKeystone);

/** Every variable the dashboard reads (README, Configuration), set here even when empty. */
const CONFIGURATION = [...CONFIG_VARIABLES, "AUDIT_LOG_FILE", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"];

export default defineConfig({
  testDir: "e2e",
  // Once the dashboards answer: load each page once, so no spec waits for a cold server.
  globalSetup: "e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous, as the machine is shared with other test runs: under load the slowest test (two
  // authenticators, which also waits for two fresh passcodes) took 1.5 minutes.
  timeout: 180_000,
  // How long a step waits for what the user waits for (a sign-in, a page), for the same reason.
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  // The dashboard under test; a second one, without a service account, in front of the
  // short-receipt Keystone; two instances sharing a Redis behind a counting proxy; and one that
  // enforces MFA without keeping application credentials working.
  webServer: [
    dashboard(port, seed, true, { AUDIT_LOG_FILE: auditLog }),
    dashboard(port + 1, shortSeed, false, {}),
    {
      command: `redis-server --port ${e2eServers.redisPort} --bind 127.0.0.1 --save "" --appendonly no`,
      port: e2eServers.redisPort,
      reuseExistingServer: false,
      stdout: "ignore" as const,
    },
    {
      command: `node tests/support/counting-proxy.mjs ${new URL(e2eServers.countingProxy).port} ${new URL(seed.keystoneUrl).origin}`,
      url: `${e2eServers.countingProxy}/__counts`,
      reuseExistingServer: false,
    },
    ...e2eServers.pair.map((url) =>
      dashboard(Number(new URL(url).port), { ...seed, keystoneUrl: `${e2eServers.countingProxy}/v3` }, true, {
        REDIS_URL: `redis://127.0.0.1:${e2eServers.redisPort}`,
        // The specs play the reverse proxy in front of the pair, to spread attempts over addresses.
        TRUSTED_PROXIES: "127.0.0.1,::1",
        AUDIT_LOG_FILE: pairAuditLog,
      }),
    ),
    dashboard(Number(new URL(e2eServers.noApplicationCredentials).port), seed, true, { MFA_ALLOW_APPLICATION_CREDENTIALS: "false" }),
  ],
});

/**
 * A dashboard under test: `node server.mjs` on the tests' own build, with its whole configuration given
 * here. Next.js never lets a .env file override a variable that is set, even to "", so a
 * .env.local in the clone cannot reach it.
 */
function dashboard(listen: number, keystone: Seed, serviceAccount: boolean, extra: Record<string, string>) {
  const service: Record<string, string> = serviceAccount
    ? {
        KEYSTONE_SERVICE_USER: keystone.users.service.name,
        KEYSTONE_SERVICE_PASSWORD: keystone.users.service.password,
        KEYSTONE_SERVICE_DOMAIN: keystone.users.service.domain,
      }
    : {};
  return {
    command: `node server.mjs -p ${listen}`,
    url: `http://localhost:${listen}/login`,
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
