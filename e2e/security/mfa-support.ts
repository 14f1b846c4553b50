import { readFileSync } from "node:fs";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { generate, generateSecret } from "otplib";
import { e2eServers, serverActionManifest, type ServerActionEntry } from "../../tests/support/e2e-servers";
import { adminToken, keystone, seed } from "../../tests/support/keystone";
import type { SeedUser } from "../../tests/support/test-keystone";
import { expect, signInWithPassword } from "../support/fixtures";

/** The two dashboards that share a Redis and reach Keystone only through the counting proxy. */
export const [pairA, pairB] = e2eServers.pair;

export interface ProxyCounts {
  total: number;
  writes: number;
  requests: Record<string, number>;
}

/** What reached Keystone through the counting proxy since the last reset. */
export async function proxyCounts(): Promise<ProxyCounts> {
  return (await fetch(`${e2eServers.countingProxy}/__counts`)).json() as Promise<ProxyCounts>;
}

export async function resetProxy(): Promise<void> {
  await fetch(`${e2eServers.countingProxy}/__reset`, { method: "POST" });
}

/** Requests of one route ("PATCH /v3/users/:id") that reached Keystone since the last reset. */
export const reached = async (route: string) => (await proxyCounts()).requests[route] ?? 0;

/** Signs in on the dashboard at `base`, answering the passcode step with `secret`'s code when asked. */
export async function signInAt(page: Page, base: string, user: SeedUser, secret?: string) {
  await signInWithPassword(page, user, base);
  if (secret) {
    await expect(page.getByRole("heading", { name: "Enter your passcode" })).toBeVisible();
    await page.getByLabel("Passcode").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Verify" }).click();
  }
  // The first sign-in on a cold instance of the pair takes a while on a busy machine.
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 20_000 });
}

/** A server action as the build names it: its file and export, and how its form calls it. */
export interface ActionRef {
  file: string;
  name: string;
  /** "state": a useActionState form (previous state + form); "form": a plain `<form action>`. */
  kind: "state" | "form";
}

let manifest: Record<string, ServerActionEntry> | undefined;

/** The id Next gave a server action, read from the build's manifest. */
export function actionId({ file, name }: Pick<ActionRef, "file" | "name">): string {
  manifest ??= serverActionManifest();
  const found = Object.entries(manifest!).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in ${file}`);
  return found[0];
}

/** Every server action of the dashboard's own pages and components, from the build's manifest. */
export function dashboardActionIds(): { id: string; file: string; name: string }[] {
  actionId({ file: "app/(dashboard)/actions.ts", name: "signOutAction" }); // loads the manifest
  return Object.entries(manifest!)
    .filter(([, a]) => a.filename?.startsWith("app/(dashboard)/") || a.filename?.startsWith("components/"))
    .map(([id, a]) => ({ id, file: a.filename!, name: a.exportedName! }));
}

/**
 * Posts a server action the way a browser without script posts its form, with any fields: what an
 * attacker replays outside the page. Repeat a field by giving an array.
 */
export function replayAction(
  request: APIRequestContext,
  url: string,
  action: ActionRef,
  fields: Record<string, string | string[]>,
): Promise<APIResponse> {
  const form = new FormData();
  const id = actionId(action);
  if (action.kind === "form") {
    form.append(`$ACTION_ID_${id}`, "");
  } else {
    form.append("$ACTION_REF_1", "");
    form.append("$ACTION_1:0", JSON.stringify({ id, bound: "$@1" }));
    form.append("$ACTION_1:1", "[{}]");
    form.append("$ACTION_KEY", "k0");
  }
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return request.post(url, { multipart: form, headers: { Origin: new URL(url).origin }, maxRedirects: 0 });
}

/**
 * Calls a useActionState server action the way the page's own script does (React's encodeReply of
 * the previous state and the form): the answer is the action's result alone, with no page rendered.
 */
export function callStateAction(request: APIRequestContext, url: string, action: ActionRef, fields: Record<string, string>): Promise<APIResponse> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append("0", JSON.stringify([{}, "$K1"])); // last, as React writes it: the form's fields come first
  return request.post(url, {
    multipart: body,
    headers: { "Next-Action": actionId(action), Accept: "text/x-component", Origin: new URL(url).origin },
    maxRedirects: 0,
  });
}

/** Adds a TOTP credential through Keystone, as an administrator could; returns its secret. */
export async function addAuthenticator(userId: string): Promise<string> {
  const secret = generateSecret();
  await keystone.credentials.create(await adminToken(), userId, "totp", secret);
  return secret;
}

/** A user's MFA as Keystone holds it. */
export async function keystoneMfa(userId: string) {
  const token = await adminToken();
  const [user, credentials] = await Promise.all([keystone.users.get(token, userId), keystone.credentials.list(token, userId)]);
  return {
    rules: user.options.multi_factor_auth_rules ?? null,
    enabled: user.options.multi_factor_auth_enabled ?? null,
    enforcedBy: ((user as unknown as { mfa_enforced_by?: { by?: string } | null }).mfa_enforced_by ?? null)?.by ?? null,
    authenticators: credentials.length,
  };
}

/** Changes a user record in Keystone directly, as `openstack user set` would. */
export async function patchUser(userId: string, user: Record<string, unknown>) {
  const response = await fetch(`${seed.keystoneUrl}/users/${userId}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", "X-Auth-Token": await adminToken() },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`PATCH user ${userId}: ${response.status}`);
}

/** Grants or removes a role on a project, in Keystone directly. */
export async function projectRole(method: "PUT" | "DELETE", projectId: string, userId: string, roleName: string) {
  const token = await adminToken();
  const [role] = await keystone.roles.list(token, roleName);
  const response = await fetch(`${seed.keystoneUrl}/projects/${projectId}/users/${userId}/roles/${role.id}`, {
    method,
    headers: { "X-Auth-Token": token },
  });
  if (!response.ok) throw new Error(`${method} role ${roleName}: ${response.status}`);
}

/** The audit lines a dashboard wrote to its AUDIT_LOG_FILE. */
export function auditLines(file: string): { event: string; outcome: string; userId?: string; reason?: string; details?: Record<string, unknown> }[] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

/** The audit file the pair writes. */
export const pairAudit = () => auditLines(e2eServers.pairAuditLog);
