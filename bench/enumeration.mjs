// node bench/enumeration.mjs [N=40]
// Can a stranger tell an existing username from an unknown one by how long a wrong password takes?
// Keystone hashes the password of an existing user (hundreds of ms) and answers at once for an
// unknown one; the dashboard answers every refused sign-in no sooner than SIGN_IN_FLOOR_MS.
// N wrong passwords for existing users against N for unknown names, interleaved, after 4 uncounted
// warm-up rounds, through the dashboard's sign-in form as a browser without JavaScript posts it, and
// the same straight to Keystone for comparison. Prints the medians and their difference; the target
// (dashboard difference under 50 ms) is informational.
// The bench plays the reverse proxy (TRUSTED_PROXIES=127.0.0.1) and gives each attempt an address
// of its own, and each existing user takes at most 8 attempts, so no attempt limit answers instead.
// Environment: KEYSTONE_HOME/KEYSTONE_PORT (the bench's Keystone), BENCH_PORT, SIGN_IN_FLOOR_MS.
import { randomBytes } from "node:crypto";
import { ensureBuild, startDashboard } from "./lib/dashboard.mjs";
import { adminClient, benchUsers, ks, passwordAuth, startKeystone, stopKeystone } from "./lib/keystone.mjs";
import { formFields } from "./lib/logins.mjs";
import { median, ms, percentile, run, verdict } from "./lib/util.mjs";

const args = process.argv.slice(2);
const N = Number(args[0] ?? 40);
const WARMUP = 4;
const PER_USER = 8; // under the limit of 10 wrong passwords per username
const TARGET_MS = 50;
const PREFIX = "bench-enum-";
const REFUSED = "The username, password or domain is not correct.";

await run(async (later) => {
  if (!(N >= 1)) throw new Error("usage: node bench/enumeration.mjs [N>=1]");
  const seed = startKeystone();
  later(stopKeystone);
  const build = await ensureBuild();
  const port = Number(process.env.BENCH_PORT ?? 4200); // the first free port from there
  const dashboard = await startDashboard(seed.keystoneUrl, build, { port, env: { TRUSTED_PROXIES: "127.0.0.1" } });
  later(dashboard.stop);
  console.log(`Keystone ${seed.keystoneUrl}, dashboard ${dashboard.url} (build ${build.id}, log ${dashboard.log})`);

  const admin = await adminClient(seed);
  const users = await benchUsers(admin, PREFIX, later);
  for (let i = 0; i < Math.ceil((N + WARMUP) / PER_USER); i++) {
    const name = `${PREFIX}${process.pid}-${i}`;
    const { user } = (await admin.api("POST", "/users", { user: { name, password: `pw-${randomBytes(9).toString("hex")}`, domain_id: seed.domains.Default } })).json;
    users.push(user);
  }
  console.log(`created ${users.length} users; floor: ${process.env.SIGN_IN_FLOOR_MS ?? "1000 (default)"} ms\n`);

  const form = formFields(await (await fetch(`${dashboard.url}/login`)).text(), "username");
  const through = { existing: [], unknown: [] };
  const direct = { existing: [], unknown: [] };
  let attempt = 0;
  const existingName = () => users[Math.floor(attempt / (2 * PER_USER)) % users.length].name;
  for (let round = 0; round < N + WARMUP; round++) {
    for (const kind of ["existing", "unknown"]) {
      const name = kind === "existing" ? existingName() : `nobody-${randomBytes(6).toString("hex")}`;
      const viaDashboard = await dashboardRefusal(dashboard.url, form, name, attempt++);
      const straight = await keystoneRefusal(seed.keystoneUrl, name);
      if (round >= WARMUP) {
        through[kind].push(viaDashboard);
        direct[kind].push(straight);
      }
    }
  }

  const row = (label, xs) => console.log(`  ${label.padEnd(28)} median ${ms(median(xs)).padStart(9)}   p10 ${ms(percentile(xs, 10)).padStart(9)}   p90 ${ms(percentile(xs, 90)).padStart(9)}`);
  console.log(`${N} wrong passwords each, interleaved, after ${WARMUP} warm-up rounds (time of one POST)\n`);
  for (const [label, runs] of [["dashboard (sign-in form)", through], ["keystone direct (POST /v3/auth/tokens)", direct]]) {
    console.log(label);
    row("existing user", runs.existing);
    row("unknown user", runs.unknown);
    console.log(`  median difference            ${ms(median(runs.existing) - median(runs.unknown))}\n`);
  }
  const difference = Math.abs(median(through.existing) - median(through.unknown));
  console.log(`target: through the dashboard the medians differ by less than ${TARGET_MS} ms: ${verdict(difference < TARGET_MS)} (${ms(difference)})`);
});

/** One wrong password through the dashboard's form, from an address of its own; its time in ms. */
async function dashboardRefusal(base, hidden, username, n) {
  const body = new FormData();
  for (const [k, v] of hidden) body.append(k, v);
  for (const [k, v] of Object.entries({ username, password: "not-the-password", domain: "Default" })) body.append(k, v);
  const address = `198.18.${(n >> 8) & 255}.${n & 255}`;
  const t = performance.now();
  const res = await fetch(`${base}/login`, { method: "POST", body, headers: { origin: base, "x-forwarded-for": address }, redirect: "manual" });
  const html = await res.text();
  const took = performance.now() - t;
  if (!html.includes(REFUSED)) throw new Error(`POST /login for ${username}: ${res.status}, not the refusal (throttled?)`);
  return took;
}

/** The same wrong password straight to Keystone; its time in ms. */
async function keystoneRefusal(url, username) {
  const t = performance.now();
  await ks(url, "POST", "/auth/tokens?nocatalog", {
    ok: [401],
    body: passwordAuth(username, "not-the-password"),
  });
  return performance.now() - t;
}
