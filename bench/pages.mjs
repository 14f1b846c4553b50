// node bench/pages.mjs
// What the login page and the Overview cost to load in Chromium from `next start`, cold cache
// (a new browser context per load), median of 3 loads each. Figures only: targets are informational.
import { launch, recordNetwork, unusedCss, unusedJs } from "./lib/browser.mjs";
import { ensureBuild, startDashboard } from "./lib/dashboard.mjs";
import { startKeystone, stopKeystone } from "./lib/keystone.mjs";
import { kB, median, run, verdict } from "./lib/util.mjs";

const RUNS = 3;
const TARGETS = { decoded: 550_000, wire: 180_000 }; // login page, bytes (kB = 1000 bytes)

await run(async (later) => {
  const seed = startKeystone();
  later(stopKeystone);
  const build = await ensureBuild();
  const dashboard = await startDashboard(seed.keystoneUrl, build);
  later(dashboard.stop);
  const browser = await launch();
  later(() => browser.close());
  console.log(`dashboard ${dashboard.url} (build ${build.id}), Chromium ${browser.version()}, ${RUNS} cold loads per page\n`);

  // Signed in once as demo-admin through the form; each Overview load gets the cookies, not the cache.
  const signIn = await browser.newContext({ baseURL: dashboard.url });
  const page = await signIn.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(seed.users.admin.name);
  await page.getByLabel("Password").fill(seed.users.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${dashboard.url}/`);
  const storageState = await signIn.storageState();
  await signIn.close();

  const pages = {
    login: { path: "/login", heading: "Sign in", loads: [] },
    overview: { path: "/", heading: "Overview", loads: [], storageState },
  };
  for (let i = 0; i < RUNS; i++) {
    for (const p of Object.values(pages)) p.loads.push(await load(browser, dashboard.url, p, p === pages.login));
  }
  report(pages);
});

/** One cold load: network figures and console warnings, and for the login page JS/CSS coverage. */
async function load(browser, baseURL, { path, heading, storageState }, coverage) {
  const context = await browser.newContext({ baseURL, storageState });
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (m) => m.type() !== "log" && warnings.push(m.text()));
  const network = await recordNetwork(page);
  if (coverage) await Promise.all([page.coverage.startJSCoverage({ resetOnNavigation: false }), page.coverage.startCSSCoverage({ resetOnNavigation: false })]);
  await page.goto(path, { waitUntil: "networkidle" });
  await page.getByRole("heading", { name: heading }).first().waitFor();
  if (new URL(page.url()).pathname !== path) throw new Error(`${path} ended at ${page.url()}`);
  const result = { resources: await network.stop(), warnings };
  if (coverage) {
    result.js = unusedJs(await page.coverage.stopJSCoverage());
    result.css = unusedCss(await page.coverage.stopCSSCoverage());
  }
  await context.close();
  return result;
}

function figures({ resources }) {
  const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
  const of = (type) => resources.filter((r) => r.type === type);
  return {
    requests: resources.length,
    decoded: sum(resources, "decoded"),
    js: sum(of("Script"), "decoded"),
    css: sum(of("Stylesheet"), "decoded"),
    wire: sum(resources, "wire"),
  };
}

function report(pages) {
  const rows = [
    ["requests", "requests", String],
    ["decoded bytes, total", "decoded", kB],
    ["  JavaScript (decoded)", "js", kB],
    ["  CSS (decoded)", "css", kB],
    ["on the wire (gzip + headers)", "wire", kB],
  ];
  const med = {};
  for (const [name, p] of Object.entries(pages)) {
    const runs = p.loads.map(figures);
    med[name] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  }
  console.log(`median of ${RUNS} cold loads`.padEnd(30) + "login".padStart(12) + "overview".padStart(12) + "  login target");
  for (const [label, key, fmt] of rows) {
    const target = TARGETS[key];
    const t = target ? `  < ${kB(target)}  ${verdict(med.login[key] < target)}` : "";
    console.log(label.padEnd(30) + fmt(med.login[key]).padStart(12) + fmt(med.overview[key]).padStart(12) + t);
  }

  for (const [name, p] of Object.entries(pages)) {
    console.log(`\n${name} (${p.path}): largest 5 resources by decoded size (first load)`);
    for (const r of [...p.loads[0].resources].sort((a, b) => b.decoded - a.decoded).slice(0, 5)) {
      const path = new URL(r.url).pathname + new URL(r.url).search;
      console.log(`  ${kB(r.decoded).padStart(9)} decoded ${kB(r.wire).padStart(9)} wire  ${r.type.padEnd(10)} ${path.slice(0, 70)}`);
    }
  }

  const login = pages.login.loads;
  const share = (x) => `${((100 * median(login.map((l) => l[x].unused / l[x].total))) || 0).toFixed(1)} %`;
  console.log(`\nlogin page: JavaScript V8 never ran: ${share("js")} of ${kB(median(login.map((l) => l.js.total)))} (chars, external scripts)`);
  console.log(`login page: CSS no rule matched:      ${share("css")} of ${kB(median(login.map((l) => l.css.total)))}`);
  console.log("login page: scripts by unused size (first load)");
  for (const s of login[0].js.perScript.slice(0, 6)) {
    console.log(`  ${kB(s.unused).padStart(9)} unused of ${kB(s.size).padStart(9)} (${((100 * s.unused) / s.size).toFixed(0).padStart(3)} %)  ${new URL(s.url).pathname}`);
  }
  const warnings = [...new Set(Object.values(pages).flatMap((p) => p.loads.flatMap((l) => l.warnings)))];
  console.log(`browser console warnings/errors: ${warnings.length ? "" : "none"}`);
  for (const w of warnings) console.log(`  ${w.slice(0, 200)}`);
}
