// `next start` of the existing build, on a free port, with its own AUTH_SECRET; stopped by process group.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const results = `${repo}/bench/results`; // git-ignored

const buildId = () => (existsSync(`${repo}/.next/BUILD_ID`) ? readFileSync(`${repo}/.next/BUILD_ID`, "utf8").trim() : null);

/**
 * Builds only when there is no build (the other engineer rebuilds often); when a build of theirs is
 * under way (.next/lock), waits for it instead. Returns the BUILD_ID.
 */
export async function ensureBuild() {
  for (let waited = 0; !buildId() && existsSync(`${repo}/.next/lock`) && waited < 600; waited++) {
    if (waited === 0) console.log("note: a `next build` is running, waiting for it (up to 10 min)");
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!buildId()) {
    console.log("note: no .next/BUILD_ID, running `npx next build` first (takes a while)");
    execFileSync("npx", ["next", "build"], { cwd: repo, stdio: "inherit" });
  }
  return buildId();
}

const portFree = (port) =>
  new Promise((resolve) => {
    const s = createServer().once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

async function freePort(from) {
  for (let p = from; p < from + 100; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${from}..${from + 99}`);
}

/** Starts `next start`; resolves once GET /login answers 200. Returns { url, log, stop }. */
export async function startDashboard(keystoneUrl, { port = 3200 } = {}) {
  port = await freePort(port);
  mkdirSync(results, { recursive: true });
  const log = `${results}/next-${port}.log`;
  const out = openSync(log, "w");
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: repo,
    detached: true, // own process group: npx, next and its workers stop together
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      KEYSTONE_URL: keystoneUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const built = buildId();
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {} // already gone
    if (buildId() !== built) console.log(`warning: .next was rebuilt during the run (${built} -> ${buildId()}); figures may mix builds`);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see ${log}`);
    const status = await fetch(`${url}/login`).then((r) => r.status, () => 0);
    if (status === 200) return { url, log, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`next start did not answer 200 on ${url}/login within 60 s; see ${log}`);
}
