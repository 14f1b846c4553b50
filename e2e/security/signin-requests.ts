// Sign-in requests as an attacker sends them: the login forms' server actions posted the way a
// browser without JavaScript does (multipart, with the hidden $ACTION fields) and the way the
// client router does (Next-Action header), Auth.js's endpoints, all outside the browser, with a
// cookie jar, an X-Forwarded-For of our choosing and, when asked, from another loopback address.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { e2eServers, serverActionManifest } from "../../tests/support/e2e-servers";

export interface Answer {
  status: number;
  /** Location of a redirect, or the path of a server action's redirect (x-action-redirect). */
  redirect: string | null;
  text: string;
  /** True when the answer set a session cookie. */
  sessionStarted: boolean;
}

/** A cookie jar shared by every dashboard on localhost (cookies do not depend on the port). */
export class Jar {
  readonly cookies = new Map<string, string>();
  keep(setCookies: string[]) {
    for (const line of setCookies) {
      const pair = line.split(";")[0];
      const i = pair.indexOf("=");
      const [name, value] = [pair.slice(0, i).trim(), pair.slice(i + 1)];
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

interface Options {
  method?: string;
  headers?: Record<string, string>;
  body?: FormData | string;
  jar?: Jar;
  /** X-Forwarded-For to send (the pair trusts it from 127.0.0.1 and ::1 only). */
  xff?: string;
  /** The client's own address: another loopback address (127.0.0.2) is a peer no dashboard trusts. */
  from?: string;
}

interface ActionOptions extends Options {
  /** For "form": the page's hidden fields, fetched once before a burst (see formFields). */
  hidden?: FormData;
}

/** One HTTP request, never following redirects. */
export async function send(url: string, { method = "GET", headers = {}, body, jar, xff, from }: Options = {}): Promise<Answer> {
  const target = new URL(url);
  if (from) target.hostname = "127.0.0.1"; // an IPv4 source needs an IPv4 destination
  // A browser posts with its Origin; Next refuses a server action whose Origin is not the Host.
  const h: Record<string, string> = { ...(method === "POST" ? { origin: target.origin } : {}), ...headers };
  let payload: Buffer | undefined;
  if (body instanceof FormData) {
    const encoded = new Request("http://encode.invalid/", { method: "POST", body });
    payload = Buffer.from(await encoded.arrayBuffer());
    h["content-type"] = encoded.headers.get("content-type")!;
  } else if (body !== undefined) {
    payload = Buffer.from(body);
  }
  if (jar?.cookies.size) h.cookie = jar.header();
  if (xff) h["x-forwarded-for"] = xff;
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method, headers: h, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const setCookies = res.headers["set-cookie"] ?? [];
        jar?.keep(setCookies);
        const actionRedirect = res.headers["x-action-redirect"];
        resolve({
          status: res.statusCode ?? 0,
          redirect: res.headers.location ?? (typeof actionRedirect === "string" ? actionRedirect.split(";")[0] : null),
          text: Buffer.concat(chunks).toString("utf8"),
          sessionStarted: setCookies.some((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?=[^;]/.test(c)),
        });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const unescapeHtml = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The hidden fields of the server-action form that holds `field`: what a browser without JS posts. */
export async function formFields(url: string, field: string, options: Options = {}): Promise<FormData> {
  const page = await send(url, options);
  if (page.status !== 200) throw new Error(`GET ${url}: ${page.status} ${page.redirect ?? ""}`);
  const form = [...page.text.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].find((m) => m[1].includes(`name="${field}"`));
  if (!form) throw new Error(`GET ${url}: no form with a ${field} field (page: ${/<h1[^>]*>(.*?)<\/h1>/.exec(page.text)?.[1]})`);
  const data = new FormData();
  for (const [, attrs] of form[1].matchAll(/<input type="hidden"([^>]*)\/?>/g)) {
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (name) data.append(unescapeHtml(name), unescapeHtml(/value="([^"]*)"/.exec(attrs)?.[1] ?? ""));
  }
  return data;
}

/** The build's server action id of `export` in the sign-in actions file. */
export function actionId(exported: string): string {
  for (const [id, action] of Object.entries(serverActionManifest())) {
    if (action.filename === "app/(auth)/login/actions.ts" && action.exportedName === exported) return id;
  }
  throw new Error(`no server action ${exported} in the build`);
}

/** Next-Router-State-Tree of the page at `segments`, as the client router sends it. */
const routerTree = (segments: string[]) => {
  const page = segments.reduceRight<unknown[]>((child, s) => [s, { children: child }, null, null, 0], ["__PAGE__", {}, null, null, 0]);
  return encodeURIComponent(JSON.stringify(["", { children: page }, null, null, 16]));
};

export type Route = "form" | "action";

/**
 * Posts a sign-in form's fields to its server action at `path`: as a browser without JS does
 * ("form": the page's hidden $ACTION fields, multipart, answered with a 303 or the page), or as the
 * client router does ("action": Next-Action header, answered with the RSC payload).
 */
export async function postAction(
  base: string,
  path: "/login" | "/login/passcode",
  exported: string,
  fields: Record<string, string>,
  route: Route,
  { hidden, ...options }: ActionOptions = {},
): Promise<Answer> {
  const headers = { ...options.headers };
  let body: FormData;
  if (route === "form") {
    body = new FormData();
    for (const [k, v] of hidden ?? (await formFields(base + path, path === "/login" ? "username" : "passcode", options))) body.append(k, v);
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
  } else {
    body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
    body.append("0", JSON.stringify([{}, "$K1"]));
    Object.assign(headers, {
      accept: "text/x-component",
      "next-action": actionId(exported),
      "next-router-state-tree": routerTree(["(auth)", ...path.split("/").slice(1)]),
    });
  }
  return send(base + path, { ...options, method: "POST", headers, body });
}

export const passwordStep = (base: string, user: { name: string; password: string }, route: Route, options: ActionOptions = {}) =>
  postAction(base, "/login", "loginWithPassword", { username: user.name, password: user.password, domain: "Default" }, route, options);

export const passcodeStep = (base: string, passcode: string, route: Route, options: ActionOptions = {}) =>
  postAction(base, "/login/passcode", "verifyPasscode", { next: "/", passcode }, route, options);

/** Auth.js's CSRF token ("" when the endpoint does not exist), for posting to its endpoints. */
export async function authJsCsrf(base: string, jar: Jar): Promise<string> {
  const answer = await send(`${base}/api/auth/csrf`, { jar });
  return answer.status === 200 ? (JSON.parse(answer.text) as { csrfToken: string }).csrfToken : "";
}

/** A form post to one of Auth.js's endpoints, as its own sign-in page would send it. */
export async function postAuthJs(base: string, path: string, fields: Record<string, string>, options: Options & { jar: Jar }): Promise<Answer> {
  const csrfToken = await authJsCsrf(base, options.jar);
  return send(`${base}/api/auth/${path}`, {
    ...options,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, csrfToken, callbackUrl: `${base}/` }).toString(),
  });
}

/** What reached the test Keystone from the pair, by route ("POST /v3/auth/tokens totp"). */
export async function keystoneCounts(): Promise<Record<string, number>> {
  const res = await fetch(`${e2eServers.countingProxy}/__counts`);
  return ((await res.json()) as { requests: Record<string, number> }).requests;
}

export async function resetKeystoneCounts() {
  await fetch(`${e2eServers.countingProxy}/__reset`, { method: "POST" });
}

/** A random address of the benchmarking range 198.18.0.0/15, which no other test uses, for X-Forwarded-For. */
export const randomAddress = () => `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

/** The audit lines of a log file (one JSON object per line). */
export function auditLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
