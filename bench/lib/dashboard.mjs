// The dashboard as production serves it (`node server.mjs`, which records each client's address)
// on a snapshot of the current build, on a free port, with its own AUTH_SECRET; stopped by process group.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const results = `${repo}/bench/results`; // git-ignored
// The build directory (next.config.js reads the same variable), and where free ports are sought from:
// both overridable, so a bench can run beside other builds and servers on a shared machine.
const dist = process.env.NEXT_DIST_DIR || ".next";
const firstPort = Number(process.env.BENCH_PORT) || 3200;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const buildId = () => (existsSync(`${repo}/${dist}/BUILD_ID`) ? readFileSync(`${repo}/${dist}/BUILD_ID`, "utf8").trim() : null);

/**
 * The build to serve. Builds only when there is none; waits for a build already under way
 * (.next/lock). The other engineer rebuilds often, and a rebuild under a running dashboard
 * breaks it (500s), so the build is copied (without .next/cache) to bench/results/build-<BUILD_ID>
 * and served from there. Returns { id, dir }.
 */
export async function ensureBuild() {
  for (let waited = 0; !buildId() && existsSync(`${repo}/${dist}/lock`) && waited < 600; waited++) {
    if (waited === 0) console.log("note: a `next build` is running, waiting for it (up to 10 min)");
    await sleep(1000);
  }
  if (!buildId()) {
    console.log("note: no .next/BUILD_ID, running `npx next build` first (takes a while)");
    execFileSync("npx", ["next", "build"], { cwd: repo, stdio: "inherit" });
  }
  for (let attempt = 0; attempt < 30; attempt++) {
    const id = buildId();
    const dir = `${results}/build-${id}`;
    if (id && existsSync(dir)) return { id, dir };
    if (id && !existsSync(`${repo}/${dist}/lock`)) {
      mkdirSync(results, { recursive: true });
      for (const old of readdirSync(results)) if (old.startsWith("build-")) rmSync(`${results}/${old}`, { recursive: true, force: true });
      const tmp = `${dir}.tmp-${process.pid}`;
      cpSync(`${repo}/${dist}`, `${tmp}/${dist}`, { recursive: true, filter: (src) => !src.startsWith(`${repo}/${dist}/cache`) });
      if (buildId() === id && !existsSync(`${repo}/${dist}/lock`)) {
        // The rest of what Next reads to serve <dir>: config, package.json, node_modules, public.
        for (const f of ["next.config.js", "package.json"]) copyFileSync(`${repo}/${f}`, `${tmp}/${f}`);
        for (const d of ["node_modules", "public"]) symlinkSync(`${repo}/${d}`, `${tmp}/${d}`);
        renameSync(tmp, dir);
        return { id, dir };
      }
      rmSync(tmp, { recursive: true, force: true }); // rebuilt while copying: again
    }
    await sleep(2000);
  }
  throw new Error("could not take a consistent copy of .next (rebuilt continuously?)");
}

/** The build's server action ids, keyed "<file>#<export>" (e.g. "app/(auth)/login/actions.ts#verifyPasscode"). */
export function actionIds(build) {
  const { node } = JSON.parse(readFileSync(`${build.dir}/${dist}/server/server-reference-manifest.json`, "utf8"));
  return Object.fromEntries(Object.entries(node).map(([id, a]) => [`${a.filename}#${a.exportedName}`, id]));
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

/** Starts `node server.mjs` on build.dir (env: more environment); resolves once GET /login answers 200. Returns { url, log, stop }. */
export async function startDashboard(keystoneUrl, build, { port = firstPort, env = {} } = {}) {
  port = await freePort(port);
  mkdirSync(results, { recursive: true });
  const log = `${results}/next-${port}.log`;
  const out = openSync(log, "w");
  const child = spawn("node", [`${repo}/server.mjs`, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: build.dir, // Next serves the build in the working directory
    detached: true, // own process group: the server and its workers stop together
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      KEYSTONE_URL: keystoneUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {} // already gone
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the dashboard exited (${child.exitCode}); see ${log}`);
    const status = await fetch(`${url}/login`).then((r) => r.status, () => 0);
    if (status === 200) return { url, log, stop };
    await sleep(250);
  }
  stop();
  throw new Error(`the dashboard did not answer 200 on ${url}/login within 60 s; see ${log}`);
}
