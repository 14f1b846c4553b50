import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { ensureTestKeystone, readSeed } from "./tests/support/test-keystone";

const port = Number(process.env.E2E_PORT ?? 3100);
// Shared with the workers (they inherit the environment) so tests can read their own session cookie.
process.env.E2E_AUTH_SECRET ??= randomBytes(33).toString("base64");
// The runner process brings the test Keystone up (idempotent); its workers only read the seed.
const seed = process.env.TEST_WORKER_INDEX === undefined ? ensureTestKeystone() : readSeed();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
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
  webServer: {
    command: `npx next start -p ${port}`,
    url: `http://localhost:${port}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      KEYSTONE_URL: seed.keystoneUrl,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      KEYSTONE_TIMEOUT_MS: "5000",
      KEYSTONE_SERVICE_USER: seed.users.service.name,
      KEYSTONE_SERVICE_PASSWORD: seed.users.service.password,
      KEYSTONE_SERVICE_DOMAIN: seed.users.service.domain,
      MFA_ISSUER: "OpenStack E2E",
      DASHBOARD_TITLE: "OpenStack Dashboard",
    },
  },
});
