// node bench/load.mjs [--vus 50] [--seconds 60] [--users 600] [--pin] [--returning | --warm]
// Capacity: --vus concurrent virtual users each doing complete password + passcode sign-ins, back
// to back, for --seconds through the dashboard and for --seconds straight to Keystone (the
// ceiling), in four phases ordered dashboard, Keystone, Keystone, dashboard so that a change in the
// machine's load weighs on both alike. Prints sign-ins per second, p50/p95/p99 of one sign-in,
// and errors by kind. Sign-ins per second twice: completed / elapsed (the verdict's), and VUs / mean
// sign-in time, which is steadier when a sign-in takes a good part of a phase. Figures only; the
// target (dashboard >= 0.9 of Keystone's rate, 0 errors) is informational. Also the CPU time each
// sign-in cost Keystone's processes and the dashboard's: on one machine they share the cores, so
// that sets the ratio. --pin models Keystone on a host of its own: its processes (gunicorn,
// database, cache) on CPU 0, the dashboard and this client on CPU 1.
// --returning: every user first signs in once through the dashboard (uncounted), as most people
// signing in have before: the dashboard then knows they have an authenticator and does not ask
// Keystone at their password step. Without it, every dashboard sign-in is the user's first.
// That pass also warms Keystone's caches (KEYSTONE_CACHE) for every user, on both sides: --warm
// sends it straight to Keystone instead, so the dashboard still sees each user for the first time.
//
// Keystone runs on MariaDB (KEYSTONE_DB=mariadb: SQLite answers "database is locked" under
// concurrent writes), .keystone-bench-mariadb, port 5951, 4 workers, unless KEYSTONE_* say otherwise.
// A dashboard sign-in is what Chromium does (bench/lib/logins.mjs dashboardJsLogin): GET /login,
// the password action (answered with the passcode page), the passcode action (answered with the
// Overview, first page included), with the service account configured. Keystone's: POST
// /v3/auth/tokens with the password (401 + receipt), then with the receipt and the passcode (201).
// Each MFA user signs in at most once per 30-second TOTP step (the dashboard refuses a passcode
// used twice), so the users (bench-load-00001...) are many; they are created once and kept, with
// their secrets in KEYSTONE_HOME/bench-load-users.json.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { cpuSecondsOf, pinProcess, pinTo } from "./lib/cpu.mjs";
import { actionIds, ensureBuild, startDashboard } from "./lib/dashboard.mjs";
import { adminClient, keystoneConditions, startKeystone, stopKeystone } from "./lib/keystone.mjs";
import { dashboardJsLogin, keystoneLogin } from "./lib/logins.mjs";
import { ms, percentile, run, verdict } from "./lib/util.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => Number(args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const VUS = option("vus", 50);
const SECONDS = option("seconds", 60);
const USERS = option("users", 600);
const PIN = args.includes("--pin");
const RETURNING = args.includes("--returning");
const WARM = args.includes("--warm");
const PREFIX = "bench-load-";
process.env.KEYSTONE_DB ??= "mariadb";
process.env.KEYSTONE_HOME ??= new URL("../.keystone-bench-mariadb", import.meta.url).pathname;
process.env.KEYSTONE_PORT ??= "5951";
process.env.KEYSTONE_WORKERS ??= "4";
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const step = () => Math.floor(Date.now() / 30_000);

/** The bench's MFA users, created once (8 at a time) and kept with their secrets. */
async function loadUsers(admin) {
  const file = `${process.env.KEYSTONE_HOME}/bench-load-users.json`;
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
  const existing = new Set((await admin.usersNamed(PREFIX)).map((u) => u.id));
  const users = kept.filter((u) => existing.has(u.id));
  const t = performance.now();
  let next = users.length;
  const worker = async () => {
    while (next < USERS) {
      const i = next++;
      users.push(await admin.createMfaUser(`${PREFIX}${String(i + 1).padStart(5, "0")}-${process.pid}`));
    }
  };
  const before = users.length;
  await Promise.all(Array.from({ length: 8 }, worker));
  writeFileSync(file, JSON.stringify(users), { mode: 0o600 });
  if (users.length > before) console.log(`created ${users.length - before} MFA users in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return users;
}

/**
 * Hands out users that are not signing in and have not finished a sign-in during the current TOTP
 * step (one passcode per user per step; the passcode is read when the passcode step comes); waits
 * for the next step when there are none. `waits` counts how often a VU had to.
 */
function userPool(users) {
  const finishedIn = new Map();
  const busy = new Set();
  let cursor = 0;
  const pool = {
    waits: 0,
    async take() {
      for (;;) {
        const now = step();
        for (let n = 0; n < users.length; n++) {
          const user = users[(cursor + n) % users.length];
          if (!busy.has(user.id) && (finishedIn.get(user.id) ?? -1) < now) {
            cursor = (cursor + n + 1) % users.length;
            busy.add(user.id);
            return user;
          }
        }
        pool.waits++;
        await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 50));
      }
    },
    give(user) {
      busy.delete(user.id);
      finishedIn.set(user.id, step());
    },
  };
  return pool;
}

/** Signs every user in once, VUS at a time, uncounted; returns how many failed. */
async function signInEveryUser(signIn, pool, users) {
  let next = 0;
  let failed = 0;
  const vu = async (_, index) => {
    while (next < users.length) {
      const user = users[next++];
      await signIn(user, index).catch(() => failed++);
      pool.give(user); // its passcode of this TOTP step is spent
    }
  };
  await Promise.all(Array.from({ length: VUS }, vu));
  return failed;
}

/** VUS loops of sign-ins for `seconds`; returns { durations, errors, elapsed }. */
async function phase(signIn, pool, seconds) {
  const durations = [];
  const errors = new Map();
  const started = performance.now();
  const end = started + seconds * 1000;
  const vu = async (_, index) => {
    while (performance.now() < end) {
      const user = await pool.take();
      if (performance.now() >= end) {
        pool.give(user);
        break;
      }
      const t = performance.now();
      try {
        await signIn(user, index);
        durations.push(performance.now() - t);
      } catch (e) {
        const kind = String(e.message).replace(/[0-9a-f]{32}/g, ":id").slice(0, 120);
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
      } finally {
        pool.give(user);
      }
    }
  };
  await Promise.all(Array.from({ length: VUS }, vu));
  return { durations, errors, elapsed: (performance.now() - started) / 1000 };
}

function merge(a, b) {
  const errors = new Map(a.errors);
  for (const [k, n] of b.errors) errors.set(k, (errors.get(k) ?? 0) + n);
  const cpu = Object.fromEntries(Object.keys(a.cpu).map((k) => [k, a.cpu[k] + b.cpu[k]]));
  return { durations: [...a.durations, ...b.durations], errors, elapsed: a.elapsed + b.elapsed, cpu };
}

function report(name, r) {
  const rate = r.durations.length / r.elapsed;
  const errors = [...r.errors.values()].reduce((a, b) => a + b, 0);
  const d = r.durations;
  // Little's law for a closed loop (VUS always in a sign-in): not quantised by the phase's start
  // and end, where all VUs start at once and the last sign-ins finish with the others done.
  const steady = VUS / (d.reduce((a, b) => a + b, 0) / d.length / 1000);
  console.log(`${name}: ${d.length} sign-ins in ${r.elapsed.toFixed(1)} s = ${rate.toFixed(2)} sign-ins/s ` +
    `(${VUS} VUs / mean sign-in time: ${steady.toFixed(2)}/s); ` +
    `p50 ${ms(percentile(d, 50))}, p95 ${ms(percentile(d, 95))}, p99 ${ms(percentile(d, 99))}; errors ${errors}`);
  for (const [kind, n] of r.errors) console.log(`  ${n} x ${kind}`);
  const each = (seconds) => `${((seconds / d.length) * 1000).toFixed(0)} ms`;
  console.log(`  CPU per sign-in: Keystone (gunicorn, database, cache) ${each(r.cpu.keystone)}, dashboard ${each(r.cpu.dashboard)}`);
  return { rate, steady, errors };
}

await run(async (later) => {
  const seed = startKeystone();
  later(stopKeystone);
  const admin = await adminClient(seed);
  const users = await loadUsers(admin);
  const build = await ensureBuild();
  const { service } = seed.users;
  // Behind a reverse proxy, as a deployment is: each virtual user is a client of its own (the
  // dashboard counts password attempts per client address, in flight ones included).
  // KEYSTONE_TIMEOUT_MS: 50 sign-ins queue for Keystone's few workers far longer than the default
  // allows, while the direct client waits as long as it takes.
  const env = { KEYSTONE_SERVICE_USER: service.name, KEYSTONE_SERVICE_PASSWORD: service.password, TRUSTED_PROXIES: "127.0.0.1,::1", KEYSTONE_TIMEOUT_MS: "120000" };
  const dashboard = await startDashboard(seed.keystoneUrl, build, { env });
  later(dashboard.stop);
  const actions = actionIds(build);
  const sides = {
    dashboard: (user, vu) => dashboardJsLogin(dashboard.url, user, actions, { headers: { "x-forwarded-for": `198.18.0.${vu + 1}` } }),
    keystone: (user) => keystoneLogin(seed.keystoneUrl, user),
  };
  console.log(`Keystone ${seed.keystoneUrl} (${keystoneConditions()}); dashboard ${dashboard.url} (build ${build.id}, 1 instance, service account)`);
  console.log(`${VUS} virtual users, ${SECONDS} s per side in phases dashboard, Keystone, Keystone, dashboard; ${users.length} MFA users`);

  const pool = userPool(users);
  if (RETURNING || WARM) {
    const t = performance.now();
    const failed = await signInEveryUser(RETURNING ? sides.dashboard : sides.keystone, pool, users);
    const through = RETURNING ? "returning users: each signed in once through the dashboard" : "warm: each user signed in once straight to Keystone";
    console.log(`${through} first (${((performance.now() - t) / 1000).toFixed(1)} s, ${failed} failed)`);
  }
  for (const side of Object.values(sides)) {
    const user = await pool.take();
    await side(user, 0); // warm-up, uncounted
    pool.give(user);
  }
  console.log(`load average before: ${load()}\n`);
  const half = SECONDS / 2;
  const results = { dashboard: [], keystone: [] };
  // The CPU each side's processes use in a phase: Keystone's (found by KEYSTONE_HOME in their command lines) and the dashboard's.
  const processes = { keystone: `${process.env.KEYSTONE_HOME}/`, dashboard: `server.mjs -p ${new URL(dashboard.url).port} ` };
  const cpu = { keystone: () => cpuSecondsOf(processes.keystone), dashboard: () => cpuSecondsOf(processes.dashboard) };
  if (PIN) {
    const pinned = pinTo(processes.keystone, 0);
    pinTo(processes.dashboard, 1);
    pinProcess(process.pid, 1);
    console.log(`pinned: ${pinned} Keystone processes on CPU 0; the dashboard and this client on CPU 1`);
  }
  for (const name of ["dashboard", "keystone", "keystone", "dashboard"]) {
    const before = { keystone: cpu.keystone(), dashboard: cpu.dashboard() };
    const r = await phase(sides[name], pool, half);
    r.cpu = { keystone: cpu.keystone() - before.keystone, dashboard: cpu.dashboard() - before.dashboard };
    results[name].push(r);
    const errors = [...r.errors.values()].reduce((a, b) => a + b, 0);
    console.log(`  phase ${name}: ${r.durations.length} sign-ins, ${errors} errors in ${r.elapsed.toFixed(1)} s (the last ones finishing), load average ${load()}`);
  }
  console.log();
  const d = report("dashboard", merge(...results.dashboard));
  const k = report("keystone direct", merge(...results.keystone));
  if (pool.waits) console.log(`note: VUs waited ${pool.waits} times for a user free in this TOTP step (use more --users)`);
  console.log(`\ndashboard / Keystone, sign-ins per second: ${(d.rate / k.rate).toFixed(3)}; target >= 0.9 with 0 errors: ${verdict(d.rate / k.rate >= 0.9 && d.errors === 0)}`);
  console.log(`the same from VUs / mean sign-in time: ${(d.steady / k.steady).toFixed(3)}`);
});
