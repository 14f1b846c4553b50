// node bench/login.mjs [N=20]
// N complete MFA logins through the dashboard against N straight to Keystone, interleaved, after
// 2 uncounted warm-up rounds. Each login has a user of its own (the dashboard refuses a reused
// passcode for 90 s), created up front through the Keystone admin API and deleted at the end.
// Prints figures only: the target (dashboard adds at most 15 %) is informational.
import { ensureBuild, startDashboard } from "./lib/dashboard.mjs";
import { adminClient, startKeystone, stopKeystone } from "./lib/keystone.mjs";
import { dashboardLogin, keystoneLogin } from "./lib/logins.mjs";
import { median, ms, percentile, run, verdict } from "./lib/util.mjs";

const N = Number(process.argv[2] ?? 20);
const WARMUP = 2;
const TARGET = 0.15;
const PREFIX = "bench-mfa-";

await run(async (later) => {
  if (!(N >= 1)) throw new Error("usage: node bench/login.mjs [N>=1]");
  const seed = startKeystone();
  later(stopKeystone);
  const build = await ensureBuild();
  const dashboard = await startDashboard(seed.keystoneUrl, build);
  later(dashboard.stop);
  console.log(`Keystone ${seed.keystoneUrl}, dashboard ${dashboard.url} (build ${build.id}, log ${dashboard.log})`);

  const admin = await adminClient(seed);
  for (const old of await admin.usersNamed(PREFIX)) await admin.deleteUser(old.id); // from an interrupted run
  const users = [];
  later(async () => {
    for (const u of users) await admin.deleteUser(u.id);
    console.log(`deleted ${users.length} bench users`);
  });
  const t0 = performance.now();
  for (let i = 0; i < 2 * (N + WARMUP); i++) users.push(await admin.createMfaUser(`${PREFIX}${process.pid}-${i}`));
  console.log(`created ${users.length} MFA users in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const runs = { dashboard: [], keystone: [] };
  for (let round = 0; round < N + WARMUP; round++) {
    const d = await dashboardLogin(dashboard.url, users[2 * round]);
    const k = await keystoneLogin(seed.keystoneUrl, users[2 * round + 1]);
    if (round === 0) {
      // What each side ended with (not timed): the dashboard session should be scoped like Keystone's token.
      const session = await fetch(`${dashboard.url}/api/auth/session`, { headers: { cookie: d.jar.header() } }).then((r) => r.json());
      console.log(`dashboard session: project ${session.user?.project?.name}, methods ${session.user?.methods}`);
      console.log(`keystone token:    project ${k.token.project?.name}, methods ${k.token.methods}\n`);
    }
    if (round >= WARMUP) {
      runs.dashboard.push(d);
      runs.keystone.push(k);
    }
  }
  report(runs);
});

function report(runs) {
  const stats = (xs) => ({ median: median(xs), p90: percentile(xs, 90) });
  const row = (label, xs) => {
    const s = stats(xs);
    console.log(`  ${label.padEnd(34)} median ${ms(s.median).padStart(9)}   p90 ${ms(s.p90).padStart(9)}`);
    return s;
  };
  console.log(`${N} logins each, interleaved, after ${WARMUP} warm-up rounds (wall clock per complete login)\n`);
  for (const [name, list] of Object.entries(runs)) {
    console.log(name === "dashboard" ? "dashboard (4 HTTP requests)" : "keystone direct (2 HTTP requests)");
    row("complete login", list.map((r) => r.total));
    for (const step of Object.keys(list[0].steps)) row(step, list.map((r) => r.steps[step]));
    console.log();
  }
  const dash = median(runs.dashboard.map((r) => r.total));
  const direct = median(runs.keystone.map((r) => r.total));
  const ratio = dash / direct;
  console.log(`dashboard / direct (medians): ${ratio.toFixed(3)}  overhead ${ms(dash - direct)} (+${((ratio - 1) * 100).toFixed(1)} %)`);
  console.log(`target: dashboard adds at most ${TARGET * 100} % to Keystone's own time   ${verdict(ratio <= 1 + TARGET)}`);
  // The two POSTs alone are where the dashboard calls Keystone; the GETs only render the forms.
  const posts = median(runs.dashboard.map((r) => r.steps["POST /login (password)"] + r.steps["POST /login/passcode (totp)"]));
  console.log(`(the two POSTs alone: median ${ms(posts)}, ${((posts / direct - 1) * 100).toFixed(1)} % over direct)`);
}
