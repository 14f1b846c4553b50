// node bench/signin.mjs [--runs 3] [--warmup 4]          side by side: this dashboard and Horizon
// node bench/signin.mjs --url URL --kind dashboard|horizon --user NAME --password PW [--totp SECRET] [--runs 3]
//
// Sign-in time as a user sees it, in Chromium (Debian's), cold cache (a new browser context per
// sign-in): from the click on "Sign in" to the first page painted with the network idle (the last
// request of the first page finished), median of --runs. With a TOTP secret the passcode step is
// included (the click on "Verify" to its page, added; typing is not timed). Also the login page's
// weight: decoded bytes, requests, and for this dashboard how much of its JavaScript is the
// framework's (Next's root chunks: React, the router) and how much the app's.
//
// Side by side (no --url): the bench's Keystone (KEYSTONE_WORKERS=4 unless set), this dashboard
// (its own build, .next-bench) and Debian's Horizon 23 (bench/lib/horizon.mjs, 4 workers), the
// sign-ins interleaved: a password-only user on both, and an MFA user on this dashboard (Horizon
// 23 has no TOTP step). Also what every figure holds besides the pages' own time: Playwright's
// click (from the call to the page seeing it), and Keystone's password check, asked directly
// once per round (no dashboard can sign in faster). Figures only; the targets (sign-in <= 0.4x
// Horizon's, login page weight <= 0.2x) are informational.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { launch, recordNetwork } from "./lib/browser.mjs";
import { DIST_DIR, ensureBuild, startDashboard } from "./lib/dashboard.mjs";
import { startHorizon } from "./lib/horizon.mjs";
import { adminClient, benchUsers, keystoneConditions, ks, passwordAuth, startKeystone, stopKeystone } from "./lib/keystone.mjs";
import { kB, median, ms, run, verdict } from "./lib/util.mjs";
import { generate } from "otplib";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const RUNS = Number(option("runs", 3));
// Horizon's gunicorn workers each load Django's URLs and panels on their first requests (a sign-in
// took 2-4 s instead of 1.3 s until they had): the warm-up rounds reach every worker, as a
// deployment's are warm.
const WARMUP = Number(option("warmup", 4));
const PREFIX = "bench-signin-";
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

/** What the two kinds of dashboard look like to a user. */
const KINDS = {
  dashboard: {
    loginPath: "/login",
    fill: async (page, user) => {
      await page.getByLabel("Username").fill(user.name);
      await page.getByLabel("Password").fill(user.password);
    },
    submit: (page) => page.getByRole("button", { name: "Sign in" }).click(),
    passcode: { ready: (page) => page.getByLabel("Passcode").waitFor(), fill: (page, code) => page.getByLabel("Passcode").fill(code), submit: (page) => page.getByRole("button", { name: "Verify" }).click() },
    landed: (page) => page.getByRole("heading", { name: "Overview" }).waitFor(),
  },
  horizon: {
    loginPath: "/auth/login/",
    fill: async (page, user) => {
      await page.locator("#id_username").fill(user.name);
      await page.locator("#id_password").fill(user.password);
    },
    submit: (page) => page.locator("#loginBtn").click(),
    passcode: null,
    landed: (page) => page.waitForURL((url) => !url.pathname.startsWith("/auth/login"), { waitUntil: "load" }),
  },
};

/**
 * Waits until no request has been in flight for 500 ms; returns the time (performance.now()) the
 * last one finished, or `since` when none ran.
 */
async function networkIdle(page, since) {
  const cdp = await page.context().newCDPSession(page);
  const inFlight = new Set();
  let last = since;
  cdp.on("Network.requestWillBeSent", ({ requestId }) => inFlight.add(requestId));
  const done = ({ requestId }) => {
    if (inFlight.delete(requestId)) last = performance.now();
  };
  cdp.on("Network.loadingFinished", done);
  cdp.on("Network.loadingFailed", done);
  await cdp.send("Network.enable");
  return {
    async settled() {
      for (let quiet = 0; quiet < 500; ) {
        await new Promise((r) => setTimeout(r, 50));
        quiet = inFlight.size === 0 && performance.now() - last >= 500 ? 500 : 0;
      }
      await cdp.detach();
      return last;
    },
  };
}

/** One cold sign-in: { ms, login: { decoded, requests, scripts }, clickLag (ms from the first click asked of Playwright to the page seeing it) }. */
async function signIn(browser, base, kind, user) {
  const k = KINDS[kind];
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  try {
    const network = await recordNetwork(page);
    await page.goto(k.loginPath, { waitUntil: "networkidle" });
    const resources = await network.stop();
    const login = { decoded: resources.reduce((n, r) => n + r.decoded, 0), requests: resources.length, scripts: resources.filter((r) => r.type === "Script") };
    await k.fill(page, user);

    // When the page sees the click (its clock and ours are the machine's): Playwright's own time is in both sides' figures.
    await page.evaluate(() => document.addEventListener("click", () => sessionStorage.setItem("clickedAt", String(Date.now())), { capture: true, once: true }));
    const calledAt = Date.now();
    let t = performance.now();
    let idle = await networkIdle(page, t);
    await k.submit(page);
    let total = 0;
    if (user.totpSecret) {
      if (!k.passcode) throw new Error(`${kind} has no passcode step`);
      await k.passcode.ready(page);
      total += (await idle.settled()) - t;
      await k.passcode.fill(page, await generate({ secret: user.totpSecret }));
      t = performance.now();
      idle = await networkIdle(page, t);
      await k.passcode.submit(page);
    }
    await k.landed(page);
    total += (await idle.settled()) - t;
    const clickLag = Number(await page.evaluate(() => sessionStorage.getItem("clickedAt"))) - calledAt;
    return { ms: total, login, clickLag };
  } finally {
    await context.close();
  }
}

/** The build's framework chunks (Next's root main files and polyfills): every other script is the app's. */
function frameworkChunks(buildDir) {
  const manifest = JSON.parse(readFileSync(`${buildDir}/${DIST_DIR}/build-manifest.json`, "utf8"));
  return new Set([...manifest.rootMainFiles, ...manifest.polyfillFiles].map((f) => `/_next/${f}`));
}

function weight(samples, framework) {
  const last = samples.at(-1).login;
  const line = `login page: ${kB(median(samples.map((s) => s.login.decoded)))} decoded, ${last.requests} requests`;
  if (!framework) return line;
  const js = (pick) => last.scripts.filter((s) => pick(framework.has(new URL(s.url).pathname))).reduce((n, s) => n + s.decoded, 0);
  return `${line}; JavaScript ${kB(js(() => true))}: framework ${kB(js((f) => f))}, app ${kB(js((f) => !f))}`;
}

await run(async (later) => {
  const browser = await launch();
  later(() => browser.close());

  if (option("url")) {
    const kind = option("kind", "dashboard");
    const user = { name: option("user"), password: option("password"), totpSecret: option("totp") };
    if (!KINDS[kind] || !user.name || !user.password) throw new Error("usage: node bench/signin.mjs --url URL --kind dashboard|horizon --user NAME --password PW [--totp SECRET] [--runs N]");
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      if (user.totpSecret && i > 0) await new Promise((r) => setTimeout(r, 30_200 - (Date.now() % 30_000))); // a fresh passcode
      samples.push(await signIn(browser, option("url"), kind, user));
    }
    console.log(`${option("url")} (${kind}), Chromium ${browser.version()}, ${RUNS} cold sign-ins, load average ${load()}`);
    console.log(`sign-in, click to the first page painted and the network idle: median ${ms(median(samples.map((s) => s.ms)))} (${samples.map((s) => ms(s.ms)).join(", ")})`);
    console.log(weight(samples));
    return;
  }

  process.env.KEYSTONE_WORKERS ??= "4";
  const seed = startKeystone();
  later(stopKeystone);
  const build = await ensureBuild();
  const { service } = seed.users;
  const dashboard = await startDashboard(seed.keystoneUrl, build, { env: { KEYSTONE_SERVICE_USER: service.name, KEYSTONE_SERVICE_PASSWORD: service.password } });
  later(dashboard.stop);
  const horizon = await startHorizon(seed.keystoneUrl, { workers: 4 });
  later(horizon.stop);
  const admin = await adminClient(seed);
  const mfaUsers = await benchUsers(admin, PREFIX, later);
  for (let i = 0; i < WARMUP + RUNS; i++) mfaUsers.push(await admin.createMfaUser(`${PREFIX}${process.pid}-${i}`));
  const member = seed.users.member; // alice: password only, member of demo and web
  console.log(`Keystone ${seed.keystoneUrl} (${keystoneConditions()}); dashboard ${dashboard.url} (build ${build.id}, service account); Horizon ${horizon.url} (${horizon.workers} gunicorn workers)`);
  console.log(`Chromium ${browser.version()}, cold cache, ${RUNS} sign-ins each after ${WARMUP} warm-up rounds, interleaved; load average before: ${load()}\n`);

  const sides = {
    "dashboard, password only": { base: dashboard.url, kind: "dashboard", user: () => member, samples: [] },
    "Horizon 23, password only": { base: horizon.url, kind: "horizon", user: () => member, samples: [] },
    "dashboard, password + passcode": { base: dashboard.url, kind: "dashboard", user: (i) => mfaUsers[i], samples: [] },
  };
  // What no dashboard can go below: Keystone checking the member's password, asked directly.
  const passwordChecks = [];
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const side of Object.values(sides)) {
      const sample = await signIn(browser, side.base, side.kind, side.user(round));
      if (round >= WARMUP) side.samples.push(sample);
    }
    const t = performance.now();
    await ks(seed.keystoneUrl, "POST", "/auth/tokens?nocatalog", { body: passwordAuth(member.name, member.password) });
    if (round >= WARMUP) passwordChecks.push(performance.now() - t);
  }
  console.log(`load average after: ${load()}\n`);
  const framework = frameworkChunks(build.dir);
  for (const [name, side] of Object.entries(sides)) {
    const times = side.samples.map((s) => s.ms);
    console.log(`${name}: sign-in median ${ms(median(times))} (${times.map(ms).join(", ")})`);
    console.log(`  ${weight(side.samples, side.kind === "dashboard" ? framework : null)}`);
  }
  const ours = median(sides["dashboard, password only"].samples.map((s) => s.ms));
  const theirs = median(sides["Horizon 23, password only"].samples.map((s) => s.ms));
  const bytes = (side) => median(sides[side].samples.map((s) => s.login.decoded));
  const lag = median([...sides["dashboard, password only"].samples, ...sides["Horizon 23, password only"].samples].map((s) => s.clickLag));
  console.log(`\nPlaywright's click reaches the page ${ms(lag)} after it is asked for (median, both sides): part of every figure above`);
  const floor = median(passwordChecks);
  console.log(`Keystone's own password check (POST /v3/auth/tokens, straight): median ${ms(floor)}, ${(floor / theirs).toFixed(2)}x Horizon's sign-in; the dashboard's adds ${ms(ours - floor)} to it`);
  console.log(`no dashboard signs in faster than that check plus the click: ${ms(floor + lag)}, ${((floor + lag) / theirs).toFixed(2)}x Horizon's sign-in`);
  console.log(`\nsign-in, dashboard / Horizon (password only, medians): ${(ours / theirs).toFixed(2)}x; target <= 0.4x: ${verdict(ours / theirs <= 0.4)}`);
  const pageRatio = bytes("dashboard, password only") / bytes("Horizon 23, password only");
  console.log(`login page decoded bytes, dashboard / Horizon: ${pageRatio.toFixed(2)}x; target <= 0.2x: ${verdict(pageRatio <= 0.2)}`);
});
