import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Where the e2e servers listen. Every port derives from E2E_PORT and TEST_KEYSTONE_PORT, so a
 * second checkout on the same machine moves all of them by setting those two variables.
 */
const dashboardPort = Number(process.env.E2E_PORT ?? 3100);
const keystonePort = Number(process.env.TEST_KEYSTONE_PORT ?? 5001);

const local = (port: number) => `http://localhost:${port}`;

export const e2eServers = {
  /** The build the e2e dashboards serve: what scripts/test builds (NEXT_DIST_DIR=.next-test next build). */
  distDir: ".next-test",
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
  ports: { dashboard: dashboardPort, keystone: keystonePort },
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
