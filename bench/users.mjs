// node bench/users.mjs [N=5000]
// Identity > Users (GET /identity/users) with at least N users in Keystone: server response time of
// four views of it, and the Keystone calls one page load makes, counted by a small proxy between the
// dashboard and Keystone (the page should make the same few calls whatever N), and as the page
// streams: its first byte, the loading shell (loading.tsx, sent once the session is checked, before
// Keystone has listed the users) and the table. Figures only.
// The users bench-user-00001... are created once, without passwords (hashing 5,000 would take about
// half an hour), 10 % with a TOTP credential, 5 % also with MFA rules; they stay in .keystone-bench.
import { randomBytes } from "node:crypto";
import { createServer, request } from "node:http";
import { ensureBuild, startDashboard } from "./lib/dashboard.mjs";
import { adminClient, startKeystone, stopKeystone } from "./lib/keystone.mjs";
import { passwordLogin } from "./lib/logins.mjs";
import { kB, median, ms, percentile, run } from "./lib/util.mjs";

const N = Number(process.argv[2] ?? 5000);
const RUNS = 5;
const PREFIX = "bench-user-";
const MFA = { multi_factor_auth_enabled: true, multi_factor_auth_rules: [["password", "totp"]] };
const PAGES = [
  "/identity/users",
  "/identity/users?page=100",
  "/identity/users?mfa=enforced",
  "/identity/users?q=bench-user-04&sort=authenticators&dir=desc",
];
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const seconds = (t) => `${(t / 1000).toFixed(1)} s`;

await run(async (later) => {
  if (!(N >= 1)) throw new Error("usage: node bench/users.mjs [N>=1]");
  const seed = startKeystone();
  later(stopKeystone);
  const admin = await adminClient(seed);
  await seedUsers(seed, admin);

  const proxy = await countingProxy(new URL(seed.keystoneUrl).origin);
  later(proxy.close);
  const build = await ensureBuild();
  const dashboard = await startDashboard(`${proxy.url}/v3`, build);
  later(dashboard.stop);
  console.log(`dashboard ${dashboard.url} (build ${build.id}, log ${dashboard.log}), Keystone through ${proxy.url}\n`);

  const { jar } = await passwordLogin(dashboard.url, seed.users.admin);
  // The body is read as it streams: first byte, the loading shell (loading.tsx), then the table.
  const load = async (path) => {
    proxy.reset();
    const t = performance.now();
    const res = await fetch(dashboard.url + path, { headers: { cookie: jar.header() }, redirect: "manual" });
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let html = "";
    let ttfb;
    let shell;
    let table;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      ttfb ??= performance.now() - t;
      html += decoder.decode(value, { stream: true });
      if (shell === undefined && html.includes("Loading users")) shell = performance.now() - t;
      if (table === undefined && html.includes("<caption")) table = performance.now() - t;
    }
    const time = performance.now() - t;
    if (res.status !== 200) {
      const where = res.headers.get("location") ?? "";
      throw new Error(`GET ${path} as ${seed.users.admin.name}: ${res.status} ${where}\n${html.split("\n").slice(0, 10).join("\n").slice(0, 1500)}`);
    }
    const calls = proxy.calls();
    const span = Math.max(...calls.map((c) => c.start + c.ms)) - Math.min(...calls.map((c) => c.start));
    // When Keystone answered the users list, from the request's start (the calls' clock is this process's).
    const list = calls.find((c) => c.key.startsWith("GET /v3/users"));
    const listed = list ? list.start + list.ms - t : undefined;
    return { time, html, calls, span, ttfb, shell, table, listed };
  };

  let pageOne;
  console.log(`each page: 1 warm-up, then ${RUNS} loads; time = request sent to full body, from this process`);
  for (const path of PAGES) {
    await load(path);
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await load(path));
    const times = loads.map((l) => l.time);
    pageOne ??= median(times);
    const counts = loads.map((l) => l.calls.length);
    const { rows, total, pages } = pageFigures(loads.at(-1).html);
    console.log(`\n${path}`);
    console.log(`  median ${ms(median(times))}, p90 ${ms(percentile(times, 90))}, HTML ${kB(loads.at(-1).html.length)}, ` +
      `${rows} rows (${total} matching, ${pages})`);
    const range = Math.min(...counts) === Math.max(...counts) ? counts[0] : `${Math.min(...counts)}-${Math.max(...counts)}`;
    const spans = loads.map((l) => l.span);
    const rest = loads.map((l) => l.time - l.span);
    console.log(`  Keystone calls per load: ${range}, spanning (first sent to last answered) median ${ms(median(spans))}; ` +
      `the rest of the page time median ${ms(median(rest))}`);
    const med = (key) => (loads.every((l) => l[key] !== undefined) ? ms(median(loads.map((l) => l[key]))) : "never");
    console.log(`  medians: first byte ${med("ttfb")}, loading shell ${med("shell")}, Keystone's user list answered ${med("listed")}, table ${med("table")}`);
    printCalls(loads.at(-1).calls);
  }

  // Once more, then the three list calls straight to Keystone: how much of the page is Keystone's.
  const last = await load(PAGES[0]);
  const lists = ["/users", "/credentials?type=totp", "/domains"];
  const ks = async (path) => {
    const t = performance.now();
    const res = await fetch(seed.keystoneUrl + path, { headers: { "X-Auth-Token": admin.token } });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return { time: performance.now() - t, bytes };
  };
  const direct = Object.fromEntries(lists.map((p) => [p, []]));
  const together = [];
  for (let i = 0; i < RUNS; i++) {
    for (const p of lists) direct[p].push(await ks(p));
    const t = performance.now();
    await Promise.all(lists.map(ks));
    together.push(performance.now() - t);
  }
  console.log(`\n${PAGES[0]} once more: ${ms(last.time)}; its Keystone calls spanned ${ms(last.span)} (first sent to last answered):`);
  printCalls(last.calls);
  console.log(`Keystone alone (admin token, straight to :${new URL(seed.keystoneUrl).port}, median of ${RUNS}):`);
  for (const p of lists) {
    console.log(`  GET /v3${p}`.padEnd(40) + `${ms(median(direct[p].map((d) => d.time))).padStart(10)}  ${kB(direct[p][0].bytes).padStart(10)}`);
  }
  console.log(`  the 3 in parallel (as the page does)`.padEnd(40) + ms(median(together)).padStart(10));
  const share = (t) => `${((100 * median(together)) / t).toFixed(0)} %`;
  console.log(`  = ${share(last.time)} of that page load, ${share(pageOne)} of the page-1 median (${ms(pageOne)}); measured apart, so only roughly`);
});

/** Users bench-user-00001..N in Default: lists once, creates what is missing, 2 writes at a time. */
async function seedUsers(seed, admin) {
  const t = performance.now();
  const domain = seed.domains.Default;
  const existing = new Map((await admin.api("GET", `/users?domain_id=${domain}&name__startswith=${PREFIX}`)).json.users.map((u) => [u.name, u]));
  const hasTotp = new Set((await admin.api("GET", "/credentials?type=totp")).json.credentials.map((c) => c.user_id));
  let retries = 0;
  // SQLite with 2 workers: "database is locked" comes back as a 500, or (when it strikes at commit,
  // after the answer began) as a dropped connection. Both are retried; `done` first asks whether the
  // write happened anyway, so a retry creates no duplicate.
  const write = async (method, path, body, done = async () => null) => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(seed.keystoneUrl + path, {
        method,
        headers: { "Content-Type": "application/json", "X-Auth-Token": admin.token },
        body: JSON.stringify(body),
      }).catch((e) => ({ status: 0, text: async () => e.cause?.code ?? e.message }));
      const text = await res.text();
      if (res.status >= 200 && res.status < 300) return JSON.parse(text);
      const retry = res.status === 500 || res.status === 0 || (res.status === 409 && attempt > 1);
      if (!retry || attempt === 6) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
      retries++;
      await sleep(100 * attempt);
      const found = await done();
      if (found) return found;
    }
  };
  const userNamed = async (name) => {
    const [user] = (await admin.api("GET", `/users?${new URLSearchParams({ name, domain_id: domain })}`)).json.users;
    return user && { user };
  };
  const credentialOf = async (userId) => {
    const [credential] = (await admin.api("GET", `/credentials?user_id=${userId}&type=totp`)).json.credentials;
    return credential && { credential };
  };
  const made = { users: 0, credentials: 0, rules: 0 };
  const tasks = [];
  for (let i = 1; i <= N; i++) {
    const name = PREFIX + String(i).padStart(5, "0");
    let user = existing.get(name);
    const totp = i % 10 === 0 && !(user && hasTotp.has(user.id));
    const rules = i % 20 === 0 && !(user?.options?.multi_factor_auth_enabled === true);
    if (user && !totp && !rules) continue;
    tasks.push(async () => {
      if (!user) {
        user = (await write("POST", "/users", { user: { name, domain_id: domain } }, () => userNamed(name))).user;
        made.users++;
      }
      if (totp) {
        const blob = Array.from(randomBytes(32), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[b & 31]).join("");
        await write("POST", "/credentials", { credential: { type: "totp", user_id: user.id, blob } }, () => credentialOf(user.id));
        made.credentials++;
      }
      if (rules) { // after the credential: rules without one would lock the user out
        await write("PATCH", `/users/${user.id}`, { user: { options: MFA } });
        made.rules++;
      }
    });
  }
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      await tasks[next++]();
      if (++done % 1000 === 0) console.log(`  seeding: ${done} of ${tasks.length} users done (${seconds(performance.now() - t)})`);
    }
  };
  await Promise.all([worker(), worker()]);
  console.log(`seeding: ${existing.size} ${PREFIX}* users found; created ${made.users} users, ${made.credentials} totp credentials, ` +
    `${made.rules} MFA rules (${retries} retries) in ${seconds(performance.now() - t)}`);
  // What Keystone holds now (a write that answered 200 but whose commit failed would show here).
  const users = (await admin.api("GET", "/users")).json.users;
  const withTotp = new Set((await admin.api("GET", "/credentials?type=totp")).json.credentials.map((c) => c.user_id));
  const bench = users.filter((u) => u.name.startsWith(PREFIX));
  console.log(`Keystone holds ${users.length} users, ${bench.length} of them ${PREFIX}*: ${bench.filter((u) => withTotp.has(u.id)).length} with a totp ` +
    `credential, ${bench.filter((u) => u.options?.multi_factor_auth_enabled).length} with MFA rules\n`);
}

/** An HTTP proxy to `target` that remembers each request: { key: "METHOD /path?keys", start, ms, bytes, status }. */
async function countingProxy(target) {
  const upstream = new URL(target);
  let calls = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url, target);
    const keys = [...new Set(u.searchParams.keys())].join("&");
    const call = { key: `${req.method} ${u.pathname}${keys ? `?${keys}` : ""}`, start: performance.now(), bytes: 0 };
    calls.push(call);
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.on("data", (chunk) => (call.bytes += chunk.length));
      up.on("end", () => Object.assign(call, { ms: performance.now() - call.start, status: up.statusCode }));
      up.pipe(res);
    });
    out.on("error", (e) => res.writeHead(502).end(String(e)));
    req.pipe(out);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    reset: () => (calls = []),
    calls: () => calls,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** The distinct Keystone calls of one load as the proxy saw them: how often, status, bytes, when sent (after the first) and how long. */
function printCalls(calls) {
  const t0 = Math.min(...calls.map((c) => c.start));
  const by = new Map();
  for (const c of calls) by.set(c.key, [...(by.get(c.key) ?? []), c]);
  for (const [key, list] of by) {
    const times = list.map((c) => `sent +${ms(c.start - t0)}, took ${c.ms === undefined ? "(unfinished)" : ms(c.ms)}`).join("; ");
    console.log(`    ${list.length} x ${key.padEnd(28)} ${String(list[0].status)} ${kB(list[0].bytes).padStart(10)}  ${times}`);
  }
}

/** Rows in the table (each has a checkbox named id; React streams them in parts), and the "N users" and "Page x of y" texts. */
function pageFigures(html) {
  const rows = new Set([...html.matchAll(/name="id" value="([^"]+)"/g)].map((m) => m[1])).size;
  const text = html.replace(/<!-- -->/g, "");
  return { rows, total: /(\d[\d,]*) users · /.exec(text)?.[1] ?? "?", pages: /Page \d+ of \d+/.exec(text)?.[0] ?? "no pager" };
}
