// node bench/login.mjs [N=20] [--js] [--service-account]
// N complete MFA logins through the dashboard against N straight to Keystone, interleaved, after
// 2 uncounted warm-up rounds. Each login has a user of its own (the dashboard refuses a reused
// passcode for 90 s), created up front through the Keystone admin API and deleted at the end.
// By default the dashboard is driven as a browser without JavaScript does it: GET /login,
// POST /login (303), GET /login/passcode, POST /login/passcode (303 to /), GET / (the Overview).
// --js: as Chromium with JavaScript does it, replayed with fetch (see dashboardJsLogin): GET /login,
// then the two forms' server actions, POST /login and POST /login/passcode, each answered with the
// next page in the same response (the last one with the Overview), so no GETs in between.
// Prints figures only: the target (dashboard at most 1.10x Keystone's own calls, pages included) is
// informational. Also the Overview's project list, asked of Keystone straight after each direct login
// (outside its figure): with it, the least any dashboard showing that list could take.
// KEYSTONE_WORKERS (2) and KEYSTONE_DB pass through to keystonectl.
// --service-account: the dashboard runs with KEYSTONE_SERVICE_USER/PASSWORD (seed users.service);
// its password step then also asks Keystone whether the user has a TOTP credential yet.
import { actionIds, ensureBuild, startDashboard } from "./lib/dashboard.mjs";
import { loadavg } from "node:os";
import { adminClient, benchUsers, keystoneConditions, ks, startKeystone, stopKeystone } from "./lib/keystone.mjs";
import { dashboardJsLogin, dashboardLogin, keystoneLogin } from "./lib/logins.mjs";
import { median, ms, percentile, run, verdict } from "./lib/util.mjs";

const args = process.argv.slice(2);
const SERVICE_ACCOUNT = args.includes("--service-account");
const JS = args.includes("--js");
const N = Number(args.find((a) => !a.startsWith("--")) ?? 20);
const WARMUP = 2;
const TARGET = 0.1;
const PREFIX = "bench-mfa-";

await run(async (later) => {
  if (!(N >= 1)) throw new Error("usage: node bench/login.mjs [N>=1] [--js] [--service-account]");
  const seed = startKeystone();
  later(stopKeystone);
  const build = await ensureBuild();
  const { service } = seed.users;
  const env = SERVICE_ACCOUNT ? { KEYSTONE_SERVICE_USER: service.name, KEYSTONE_SERVICE_PASSWORD: service.password } : {};
  const dashboard = await startDashboard(seed.keystoneUrl, build, { env });
  later(dashboard.stop);
  console.log(`Keystone ${seed.keystoneUrl} (${keystoneConditions()}), dashboard ${dashboard.url} (build ${build.id}, log ${dashboard.log})`);
  console.log(`service account: ${SERVICE_ACCOUNT ? service.name : "none"}; dashboard driven as a browser ${JS ? "with" : "without"} JavaScript`);
  const actions = actionIds(build);
  const login = JS ? (user) => dashboardJsLogin(dashboard.url, user, actions) : (user) => dashboardLogin(dashboard.url, user);

  const admin = await adminClient(seed);
  const users = await benchUsers(admin, PREFIX, later);
  const t0 = performance.now();
  for (let i = 0; i < 2 * (N + WARMUP); i++) users.push(await admin.createMfaUser(`${PREFIX}${process.pid}-${i}`));
  console.log(`created ${users.length} MFA users in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const runs = { dashboard: [], keystone: [] };
  // The Overview's one Keystone call, asked straight after each direct login (not in its figure).
  const projectLists = [];
  for (let round = 0; round < N + WARMUP; round++) {
    const d = await login(users[2 * round]);
    const k = await keystoneLogin(seed.keystoneUrl, users[2 * round + 1]);
    const t = performance.now();
    await ks(seed.keystoneUrl, "GET", "/auth/projects", { token: k.tokenId });
    const projects = performance.now() - t;
    if (round === 0) {
      // What each side ended with (not timed): the dashboard session should be scoped like Keystone's token.
      const session = await fetch(`${dashboard.url}/api/auth/session`, { headers: { cookie: d.jar.header() } }).then((r) => r.json());
      console.log(`dashboard session: project ${session.user?.project?.name}, methods ${session.user?.methods}`);
      console.log(`keystone token:    project ${k.token.project?.name}, methods ${k.token.methods}\n`);
    }
    if (round >= WARMUP) {
      runs.dashboard.push(d);
      runs.keystone.push(k);
      projectLists.push(projects);
    }
  }
  report(runs, projectLists);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
});

function report(runs, projectLists) {
  const med = (side, step) => median(runs[side].map((r) => (step ? r.steps[step] : r.total)));
  const row = (label, xs) => console.log(`  ${label.padEnd(34)} median ${ms(median(xs)).padStart(9)}   p90 ${ms(percentile(xs, 90)).padStart(9)}`);
  const signed = (x, unit) => `${x >= 0 ? "+" : ""}${x.toFixed(1)} ${unit}`;

  console.log(`${N} logins each, interleaved, after ${WARMUP} warm-up rounds (wall clock per complete login)\n`);
  for (const [side, list] of Object.entries(runs)) {
    const requests = `${Object.keys(list[0].steps).length} HTTP requests`;
    console.log(side === "dashboard" ? `dashboard, ${JS ? "with" : "without"} JavaScript (${requests})` : `keystone direct (${requests})`);
    row("complete login", list.map((r) => r.total));
    for (const step of Object.keys(list[0].steps)) row(step, list.map((r) => r.steps[step]));
    console.log();
  }

  const dash = med("dashboard");
  const direct = med("keystone");
  const ratio = dash / direct;
  console.log(`dashboard / direct (medians): ${ratio.toFixed(3)}, overhead ${signed(dash - direct, "ms")} (${signed((ratio - 1) * 100, "%")})`);
  console.log(`target: the dashboard adds at most ${TARGET * 100} % to Keystone's own time: ${verdict(ratio <= 1 + TARGET)}\n`);

  // Each POST makes the same Keystone call as its direct step (the password step one more with a
  // service account: the TOTP credential lookup); the form GETs make none. The Overview (GET /, or
  // with --js the passcode POST's answer) asks Keystone for the user's projects.
  const password = med("dashboard", "POST /login (password)") - med("keystone", "POST /v3/auth/tokens (password)");
  const passcode = med("dashboard", "POST /login/passcode (totp)") - med("keystone", "POST /v3/auth/tokens (totp)");
  const gets = Object.keys(runs.dashboard[0].steps).filter((s) => s.startsWith("GET "));
  const pages = gets.reduce((sum, step) => sum + med("dashboard", step), 0);
  console.log("where the dashboard's extra time goes (differences of medians):");
  console.log(`  password step, over Keystone's:  ${signed(password, "ms")}`);
  console.log(`  passcode step, over Keystone's:  ${signed(passcode, "ms")}`);
  const plural = gets.length > 1 ? "s" : "";
  console.log(`  ${`the page${plural} (${gets.length} GET${plural}):`.padEnd(33)} ${signed(pages, "ms")}`);
  const posts = median(runs.dashboard.map((r) => r.steps["POST /login (password)"] + r.steps["POST /login/passcode (totp)"]));
  console.log(`  the two POSTs alone: ${ms(posts)}, ${signed((posts / direct - 1) * 100, "%")} over direct`);
  // What the first page needs of Keystone besides the sign-in, whoever asks: no dashboard that
  // shows the user's projects on it gets below direct + this.
  const projects = median(projectLists);
  console.log(`\nthe Overview's project list, GET /v3/auth/projects straight after each direct login (not in its figure):`);
  console.log(`  median ${ms(projects)}; direct + it = ${((direct + projects) / direct).toFixed(3)}x direct, before any page is rendered`);
}
