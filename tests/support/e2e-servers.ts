import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { currentStack, testKeystonesOf } from "./test-keystone";

/** How many stacks of e2e servers run, one per Playwright worker (E2E_WORKERS, default 2). */
export const e2eWorkers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

const local = (port: number) => `http://localhost:${port}`;
// Names this run's audit logs, which the specs read back: the runner's pid, which its workers inherit.
const run = (process.env.E2E_RUN ??= String(process.pid));

/**
 * Where the servers of e2e stack N listen. Every port derives from E2E_PORT and TEST_KEYSTONE_PORT
 * (a second checkout on the same machine moves all of them by setting those two); stack N adds 10N
 * to the dashboards' ports and uses the Keystones of testKeystonesOf(N).
 */
export function e2eStack(stack: number) {
  const dashboardPort = Number(process.env.E2E_PORT ?? 3100) + 10 * stack;
  const keystonePort = Number(testKeystonesOf(stack).main.port);
  return {
    /** The dashboard most specs use: test Keystone, service account, AUDIT_LOG_FILE. */
    main: local(dashboardPort),
    /** No service account, in front of the Keystone whose receipts live 20 s. */
    noServiceAccount: local(dashboardPort + 1),
    /** Two instances sharing one Redis, in front of the counting proxy: what an attacker meets in production. */
    pair: [local(dashboardPort + 2), local(dashboardPort + 3)] as const,
    /** MFA_ALLOW_APPLICATION_CREDENTIALS=false: enforcing MFA there leaves application credentials refused. */
    noApplicationCredentials: local(dashboardPort + 4),
    /** Counts every request that reaches the test Keystone from the pair. */
    countingProxy: `http://127.0.0.1:${keystonePort + 10}`,
    redisPort: keystonePort + 1100,
    auditLog: join(tmpdir(), `dashboard-audit-${run}-${stack}.jsonl`),
    pairAuditLog: join(tmpdir(), `dashboard-pair-audit-${run}-${stack}.jsonl`),
  };
}

export const e2eServers = {
  ...e2eStack(currentStack),
  /** The build the e2e dashboards serve: what scripts/test builds (NEXT_DIST_DIR=.next-test next build). */
  distDir: ".next-test",
};

export interface ServerActionEntry {
  filename?: string;
  exportedName?: string;
  workers: Record<string, unknown>;
}

/** The server actions of the build the e2e dashboards serve, by id (Next's manifest). */
export function serverActionManifest(): Record<string, ServerActionEntry> {
  const file = join(process.cwd(), e2eServers.distDir, "server/server-reference-manifest.json");
  return JSON.parse(readFileSync(file, "utf8")).node;
}
