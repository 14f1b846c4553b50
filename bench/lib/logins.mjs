// One complete MFA login, through the dashboard or straight to Keystone, timed step by step.
import { generate } from "otplib";
import { ks, passwordAuth } from "./keystone.mjs";

/** A cookie jar of one: parses Set-Cookie, sends Cookie. */
class Jar {
  cookies = new Map();
  keep(res) {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0];
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
    return res;
  }
  has = (name) => this.cookies.has(name) && this.cookies.get(name) !== "";
  header = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

const unescapeHtml = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The hidden fields of the server-action form that holds `field` (what a browser without JS posts). */
export function formFields(html, field) {
  const form = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].find((m) => m[1].includes(`name="${field}"`));
  if (!form) throw new Error(`no form with a ${field} field`);
  const data = new FormData();
  for (const [, attrs] of form[1].matchAll(/<input type="hidden"([^>]*)\/?>/g)) {
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (name) data.append(unescapeHtml(name), unescapeHtml(/value="([^"]*)"/.exec(attrs)?.[1] ?? ""));
  }
  return data;
}

/** GET of a form page: its server-action form holding `field`, as formFields. */
async function formPage(base, path, jar, field, headers = {}) {
  const res = jar.keep(await fetch(base + path, { headers: { ...headers, cookie: jar.header() }, redirect: "manual" }));
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return formFields(await res.text(), field);
}

/** Runs fn, adding its wall time (ms) to steps[name]. */
async function timed(steps, name, fn) {
  const t = performance.now();
  const result = await fn();
  steps[name] = performance.now() - t;
  return result;
}

/**
 * The dashboard's login as a browser without JavaScript does it (the login forms are server actions;
 * /api/auth/* answers only signed-in visitors): GET /login for the form, POST it (303 to
 * /login/passcode with the mfa-receipt cookie), GET /login/passcode for its form, POST the passcode
 * (303 to / with authjs.session-token), GET / (the first page). Returns { total, steps, jar }.
 */
export async function dashboardLogin(base, user) {
  const jar = new Jar();
  const post = (path, body) =>
    fetch(base + path, { method: "POST", body, headers: { cookie: jar.header(), origin: base }, redirect: "manual" })
      .then((r) => jar.keep(r));
  const expect = async (res, status, location) => {
    await res.arrayBuffer();
    const where = res.headers.get("location") ?? "";
    if (res.status !== status || (location && !where.startsWith(location))) {
      throw new Error(`${res.url}: ${res.status} ${where} (expected ${status} ${location ?? ""})`);
    }
  };
  const steps = {};
  const t = performance.now();

  const login = await timed(steps, "GET /login", () => formPage(base, "/login", jar, "username"));
  await timed(steps, "POST /login (password)", async () => {
    for (const [k, v] of Object.entries({ username: user.name, password: user.password, domain: "Default" })) login.append(k, v);
    await expect(await post("/login", login), 303, "/login/passcode");
    if (!jar.has("mfa-receipt")) throw new Error("password step set no mfa-receipt cookie");
  });
  const second = await timed(steps, "GET /login/passcode", () => formPage(base, "/login/passcode", jar, "passcode"));
  await timed(steps, "POST /login/passcode (totp)", async () => {
    // The code is read off the authenticator when the passcode step comes, as a user does.
    second.append("passcode", await generate({ secret: user.totpSecret }));
    await expect(await post("/login/passcode", second), 303, "/");
    if (!jar.has("authjs.session-token")) throw new Error("passcode step set no authjs.session-token cookie");
  });
  await timed(steps, "GET / (first page)", async () => {
    const res = await fetch(`${base}/`, { headers: { cookie: jar.header() }, redirect: "manual" });
    const html = await res.text();
    if (res.status !== 200 || !html.includes("Overview")) throw new Error(`GET / after sign-in: ${res.status}`);
  });
  return { total: performance.now() - t, steps, jar };
}

/** Next-Router-State-Tree of the page at `segments` (["(auth)", "login"]), URL-encoded, as the client router sends it. */
const routerTree = (segments) => {
  const page = segments.reduceRight((child, s) => [s, { children: child }, null, null, 0], ["__PAGE__", {}, null, null, 0]);
  return encodeURIComponent(JSON.stringify(["", { children: page }, null, null, 16]));
};

/**
 * The same login as Chromium with JavaScript does it (recorded with Next 16.4, React 19.3): GET /login
 * (the page the user opens), then each form calls its server action with fetch. An action POST has
 * Next-Action: <id>, Accept: text/x-component, Next-Router-State-Tree: <the current page's route>,
 * and a multipart body: the form's fields as "_1_<name>", then "0" = [previous state, "$K1"] (the
 * action's arguments; $K1 is FormData 1). The password form was server-rendered, so its fields
 * include the hidden $ACTION_* inputs it carries for browsers without JS; the passcode form is
 * rendered in the browser and has none. A redirecting action answers 200 with x-action-redirect:
 * "<path>;push" and the target page's RSC payload (for the passcode step: the Overview, which asks
 * Keystone for the user's projects), so no GET follows.
 * `actions`: actionIds(build); `headers`: sent with every request (the load bench's X-Forwarded-For).
 * Returns { total, steps, jar }.
 */
export async function dashboardJsLogin(base, user, actions, { headers: extra = {} } = {}) {
  const jar = new Jar();
  const call = async (path, action, fields, redirect, text) => {
    const body = new FormData();
    for (const [k, v] of fields) body.append(`_1_${k}`, v);
    body.append("0", JSON.stringify([{}, "$K1"]));
    const headers = { ...extra, origin: base, accept: "text/x-component", "next-action": actions[`app/(auth)/login/actions.ts#${action}`] };
    headers["next-router-state-tree"] = routerTree(["(auth)", ...path.split("/").slice(1)]);
    if (jar.cookies.size) headers.cookie = jar.header();
    const res = jar.keep(await fetch(base + path, { method: "POST", body, headers, redirect: "manual" }));
    const payload = await res.text();
    const where = res.headers.get("x-action-redirect") ?? "";
    if (res.status !== 200 || !where.startsWith(`${redirect};`) || !payload.includes(text)) {
      throw new Error(`POST ${path} (${action}): ${res.status}, x-action-redirect "${where}" (expected 200, ${redirect} and its page)`);
    }
  };
  const steps = {};
  const t = performance.now();

  const login = await timed(steps, "GET /login", () => formPage(base, "/login", jar, "username", extra));
  await timed(steps, "POST /login (password)", async () => {
    const fields = [...login, ["username", user.name], ["password", user.password], ["domain", "Default"]];
    await call("/login", "loginWithPassword", fields, "/login/passcode", "Enter your passcode");
    if (!jar.has("mfa-receipt")) throw new Error("password step set no mfa-receipt cookie");
  });
  await timed(steps, "POST /login/passcode (totp)", async () => {
    const passcode = await generate({ secret: user.totpSecret }); // read when the step comes, as a user does
    await call("/login/passcode", "verifyPasscode", [["next", "/"], ["passcode", passcode]], "/", "Overview");
    if (!jar.has("authjs.session-token")) throw new Error("passcode step set no authjs.session-token cookie");
  });
  return { total: performance.now() - t, steps, jar };
}

/**
 * A password-only login through the form (a user without MFA rules): GET /login, POST it
 * (303 to / with authjs.session-token). Returns { total, jar }.
 */
export async function passwordLogin(base, user) {
  const jar = new Jar();
  const t = performance.now();
  const page = jar.keep(await fetch(`${base}/login`, { redirect: "manual" }));
  if (page.status !== 200) throw new Error(`GET /login: ${page.status}`);
  const form = formFields(await page.text(), "username");
  for (const [k, v] of Object.entries({ username: user.name, password: user.password, domain: user.domain ?? "Default" })) form.append(k, v);
  const res = jar.keep(await fetch(`${base}/login`, { method: "POST", body: form, headers: { cookie: jar.header(), origin: base }, redirect: "manual" }));
  await res.arrayBuffer();
  if (res.status !== 303 || !jar.has("authjs.session-token")) {
    throw new Error(`POST /login: ${res.status} ${res.headers.get("location") ?? ""} (expected 303 with a session cookie)`);
  }
  return { total: performance.now() - t, jar };
}

/**
 * The same login straight to Keystone, with the same requests the dashboard makes (unscoped,
 * ?nocatalog): password -> 401 with an Openstack-Auth-Receipt header; receipt + passcode -> 201.
 * Returns { total, steps, token (its body), tokenId }.
 */
export async function keystoneLogin(url, user) {
  const steps = {};
  const t = performance.now();
  const receipt = await timed(steps, "POST /v3/auth/tokens (password)", async () => {
    const res = await ks(url, "POST", "/auth/tokens?nocatalog", {
      ok: [401],
      body: passwordAuth(user.name, user.password),
    });
    const receipt = res.headers.get("openstack-auth-receipt");
    if (!receipt) throw new Error("password step: 401 without an Openstack-Auth-Receipt header");
    return receipt;
  });
  const issued = await timed(steps, "POST /v3/auth/tokens (totp)", async () => {
    const passcode = await generate({ secret: user.totpSecret });
    return ks(url, "POST", "/auth/tokens?nocatalog", {
      ok: [201],
      headers: { "Openstack-Auth-Receipt": receipt },
      body: { auth: { identity: { methods: ["totp"], totp: { user: { id: user.id, passcode } } } } },
    });
  });
  return { total: performance.now() - t, steps, token: issued.json.token, tokenId: issued.headers.get("x-subject-token") };
}
