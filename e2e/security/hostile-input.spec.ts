import type { APIRequestContext, APIResponse } from "@playwright/test";
import { e2eServers, serverActionManifest } from "../../tests/support/e2e-servers";
import { expect, seed, signIn, test } from "../support/fixtures";

/*
 * A sweep of hostile input over every page's query parameters and path segments and over every
 * server action, signed in as an administrator (who reaches the most code) and signed out. Nothing
 * may answer 500 or more, and nothing may reach Keystone as a write: every input here is invalid.
 * It runs against a pair instance, whose Keystone traffic the counting proxy sees.
 */

const base = e2eServers.pair[0];
const { admin } = seed.users;

const MB = "x".repeat(1024 * 1024);
/** Values an attacker would try in any text position. */
const HOSTILE = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "\u0000",
  "a\u0000b",
  "\r\nSet-Cookie: injected=1",
  "\u001b[2J",
  "\u2028\u2029\u0085",
  "%",
  "%00",
  "%ff%fe",
  "../../../../etc/passwd",
  "//evil.example/",
  "javascript:alert(1)",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "${7*7}$(id)`id`",
  "-1",
  "1e309",
  "NaN",
  "0x10",
  "[]",
  "{}",
  "😀".repeat(100),
  "a".repeat(10_000),
];
/** Too long for a URL: Node refuses it with 431 (under 500), still a case. */
const TOO_LONG = "q".repeat(20_000);

/** Every page and the query parameters it reads. */
const PAGES: { path: string; params: string[] }[] = [
  { path: "/", params: [] },
  { path: "/login", params: ["next", "reason"] },
  { path: "/login/passcode", params: ["next"] },
  { path: "/login/recovery", params: ["next"] },
  { path: "/login/change-password", params: [] },
  { path: "/settings/security", params: ["done"] },
  { path: "/settings/security/recovery-codes", params: ["next"] },
  { path: "/settings/password", params: [] },
  { path: "/settings/api-access", params: [] },
  { path: "/settings/api-access/application-credentials", params: [] },
  { path: "/identity/users", params: ["q", "domain", "mfa", "sort", "desc", "page"] },
  { path: "/identity/users/confirm", params: ["action", "id", "requireEnrolment"] },
  { path: `/identity/users/${admin.id}`, params: [] },
  { path: "/identity/groups", params: [] },
  { path: `/identity/groups/${seed.groups.operators}`, params: [] },
  { path: "/identity/domains", params: [] },
  { path: `/identity/domains/${seed.domains.Default}`, params: [] },
  { path: "/identity/projects", params: [] },
  { path: "/identity/activity", params: [] },
];
/** Routes with a path segment taken from the URL: the segment itself is the input. */
const SEGMENT_ROUTES = [
  (v: string) => `/identity/users/${v}`,
  (v: string) => `/identity/groups/${v}`,
  (v: string) => `/identity/domains/${v}`,
  (v: string) => `/settings/api-access/${v}`,
  (v: string) => `/identity/coverage/${v}/${v}`,
  (v: string) => `/identity/coverage/group/${v}`,
];

/** The field names any action reads, so that each gets every hostile value somewhere. */
const FIELDS = [
  "username", "password", "domain", "next", "passcode", "current", "confirm", "credentialId",
  "userId", "id", "action", "requireEnrolment", "kind", "required", "method", "remove", "projectId",
  "code", "saved", "currentPasscode",
  "name", "description", "expires", "role", "unrestricted", "accessRules",
];

interface ActionEntry {
  id: string;
  name: string;
  page: string;
}

/** Every server action of the build, with a page that serves it. */
function serverActions(): ActionEntry[] {
  return Object.entries(serverActionManifest()).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0];
    const page = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace("/users/[id]", `/users/${admin.id}`)
      .replace("/groups/[id]", `/groups/${seed.groups.operators}`)
      .replace("/domains/[id]", `/domains/${seed.domains.Default}`);
    return { id, name: entry.exportedName ?? id, page: page || "/" };
  });
}

let sent = 0;
/** What went wrong, all of it: one failure must not hide the others. */
let problems: string[] = [];
let address = 0;
/** Each request from its own address (the pair trusts the specs as its proxy), so limits do not mask paths. */
const headersFor = (extra: Record<string, string> = {}) => ({ "X-Forwarded-For": `203.0.113.${(address++ % 250) + 1}`, ...extra });

async function expectNoServerError(response: Promise<APIResponse>, what: string) {
  const r = await response;
  sent++;
  if (r.status() >= 500) problems.push(`${what}: ${r.status()}`);
  else if (/\n\s+at .+\(.+:\d+:\d+\)/.test(await r.text())) problems.push(`${what}: a stack trace in the answer`);
}

/** A server action called as the browser calls it: multipart, fields under the "_1_" prefix, args in "0". */
function actionCall(request: APIRequestContext, action: ActionEntry, body: { multipart?: Record<string, string>; data?: string }) {
  return request.post(action.page, {
    headers: headersFor({ "Next-Action": action.id, Origin: base, Accept: "text/x-component" }),
    maxRedirects: 0,
    ...body,
  });
}

/** The bodies an action gets: arguments that are not a form, and forms full of hostile fields. */
function hostileBodies(action: ActionEntry): { label: string; multipart?: Record<string, string>; data?: string }[] {
  // useActionState actions take (previous state, form); plain form actions take (form).
  const args = action.id.startsWith("60") ? `[{},"$K1"]` : `["$K1"]`;
  const bodies: { label: string; multipart?: Record<string, string>; data?: string }[] = [
    ...["[1]", '["x"]', "[null]", "[]", "[{},1]", '[{},"x"]', '{"a":1}', "not json"].map((data) => ({ label: `args ${data}`, data })),
    { label: "empty form", multipart: { "0": args } },
    { label: "1 MB field", multipart: { "0": args, _1_username: MB, _1_passcode: MB } },
  ];
  HOSTILE.forEach((value, i) => {
    const form: Record<string, string> = { "0": args };
    // Rotate the fields so every field meets every value across the actions.
    for (const [j, field] of FIELDS.entries()) form[`_1_${field}`] = HOSTILE[(i + j) % HOSTILE.length];
    form[`_1_${value.slice(0, 40)}`] = value; // the value as a field name, too
    bodies.push({ label: `fields ${JSON.stringify(value.slice(0, 20))}`, multipart: form });
  });
  return bodies;
}

/** Runs the tasks with at most `limit` of them in flight: the sweep is long, and reads can overlap. */
async function runConcurrently(tasks: (() => Promise<void>)[], limit: number) {
  const queue = [...tasks];
  const worker = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

async function resetCounts() {
  await fetch(`${e2eServers.countingProxy}/__reset`, { method: "POST" });
}
async function keystoneWrites(): Promise<{ writes: number; requests: Record<string, number> }> {
  return (await fetch(`${e2eServers.countingProxy}/__counts`)).json();
}

test.describe("hostile input", () => {
  test.use({ baseURL: base });

  test("no page answers 500 to hostile query parameters or path segments, signed in or out", async ({ page, playwright }) => {
    test.setTimeout(600_000);
    sent = 0;
    problems = [];
    await signIn(page, admin);
    const anonymous = await playwright.request.newContext({ baseURL: base });
    await resetCounts();
    const checks: (() => Promise<void>)[] = [];
    for (const request of [page.request, anonymous]) {
      const get = (path: string, what: string) => () => expectNoServerError(request.get(path, { maxRedirects: 0, headers: headersFor() }), what);
      for (const { path, params } of PAGES) {
        const url = (query: string) => `${path}${query ? `?${query}` : ""}`;
        checks.push(get(url(""), path));
        for (const param of params) {
          for (const value of [...HOSTILE, TOO_LONG]) {
            checks.push(get(url(new URLSearchParams([[param, value]]).toString()), `${path} ${param}=${value.slice(0, 20)}`));
          }
          checks.push(get(url(new URLSearchParams([[param, "a"], [param, "b"]]).toString()), `${path} ${param} twice`));
          checks.push(get(url(`${param}=%E0%A4%A`), `${path} ${param} broken escape`));
        }
      }
      for (const route of SEGMENT_ROUTES) {
        for (const value of HOSTILE) checks.push(get(route(encodeURIComponent(value)), route(value.slice(0, 20))));
      }
    }
    await runConcurrently(checks, 4);
    await anonymous.dispose();
    const counts = await keystoneWrites();
    console.log(`hostile page requests: ${sent}, server errors: ${problems.length}, Keystone writes: ${counts.writes}`);
    expect(problems).toEqual([]);
    expect(counts.writes, JSON.stringify(counts.requests)).toBe(0);
    expect(sent).toBeGreaterThan(100);
  });

  test("no server action answers 500 or writes to Keystone when called with hostile arguments", async ({ page, playwright }) => {
    test.setTimeout(600_000);
    sent = 0;
    problems = [];
    const actions = serverActions();
    expect(actions.length).toBeGreaterThan(10);
    await signIn(page, admin);
    const anonymous = await playwright.request.newContext({ baseURL: base });
    await resetCounts();
    // Signing out is a legitimate change of its own (it revokes the token): it goes last.
    const ordered = [...actions.filter((a) => a.name !== "signOutAction"), ...actions.filter((a) => a.name === "signOutAction")];
    for (const request of [anonymous, page.request]) {
      for (const action of ordered) {
        for (const body of hostileBodies(action)) {
          await expectNoServerError(actionCall(request, action, body), `${action.name} ${body.label}`);
        }
      }
    }
    await anonymous.dispose();
    const counts = await keystoneWrites();
    console.log(`hostile action calls: ${sent} over ${actions.length} actions, server errors: ${problems.length}, Keystone writes: ${counts.writes}`);
    expect(problems).toEqual([]);
    expect(counts.writes, JSON.stringify(counts.requests)).toBe(0);
  });
});
