import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { sessionInCookie } from "@/lib/auth/session-cookie";
import type { SessionUser } from "@/lib/auth/session-user";
import { isKeystoneError } from "@/lib/keystone";
import { keystone, projectsOf } from "@/lib/keystone-server";
import { securityGuards } from "@/lib/security";
import { FIRST_PAGE_SECONDS } from "@/lib/security/limits";

/**
 * The signed-in user with the Keystone token, read from the encrypted session cookie, unchecked:
 * for places that only need to know whether there is a session (the login page, signing out).
 * Authorisation uses `requireUser` / `requireAdmin`, which ask Keystone. Server-only: the token
 * never leaves the server.
 */
export async function currentUser(): Promise<SessionUser | null> {
  return sessionInCookie(await headers());
}

type Verified = { status: "none" } | { status: "ended" } | { status: "ok"; user: SessionUser };

/**
 * The first page of a session, seconds after Keystone issued its token: what issuing said (roles,
 * project, expiry, in the cookie) is as fresh as a validation would be. Once per token, whichever
 * instance serves it (the security store's claim); a store that cannot answer means validating.
 */
async function firstPageAfterSignIn(user: SessionUser): Promise<boolean> {
  if (user.issuedAt === undefined || Math.abs(Date.now() - user.issuedAt) > FIRST_PAGE_SECONDS * 1000) return false;
  return securityGuards().claimFirstPage(user.keystoneToken).catch(() => false);
}

/**
 * The session as Keystone sees it now: the token validated and its roles and project as Keystone
 * reports them, not as the cookie remembers them, so a sign-out elsewhere, a revocation or a removed
 * role takes effect at the next request. Asked once per request (React's cache): the layout and the
 * page of one request share the answer; the first page after sign-in uses what issuing the token
 * said instead. Keystone being unreachable throws (an error page, not a sign-out).
 */
const verifiedSession = cache(async (): Promise<Verified> => {
  const user = await currentUser();
  if (!user) return { status: "none" };
  if (await firstPageAfterSignIn(user)) return { status: "ok", user };
  try {
    const info = await keystone().auth.validate(user.keystoneToken);
    const project = info.project ? { id: info.project.id, name: info.project.name } : null;
    return { status: "ok", user: { ...user, project, roles: (info.roles ?? []).map((r) => r.name), expiresAt: info.expires_at } };
  } catch (e) {
    if (isKeystoneError(e, "unauthorized") || isKeystoneError(e, "not_found")) return { status: "ended" };
    throw e;
  }
});

/** The signed-in user, checked with Keystone; null without a valid session. For route handlers. */
export async function signedInUser(): Promise<SessionUser | null> {
  const session = await verifiedSession();
  return session.status === "ok" ? session.user : null;
}

/** The signed-in user, checked with Keystone, or a redirect: to the login page, or to end a dead session. */
export async function requireUser(): Promise<SessionUser> {
  const session = await verifiedSession();
  if (session.status === "none") redirect("/login");
  if (session.status === "ended") redirect("/session-ended");
  return session.user;
}

export const isAdmin = (user: Pick<SessionUser, "roles">) => user.roles.includes("admin");

/**
 * The signed-in administrator: Keystone says the session's token has the admin role now. Every
 * admin page, route handler and action calls this (or `signedInUser`) itself: hiding a link is not
 * authorisation, and a layout is not re-rendered on client-side navigation. Others get a 404, as
 * if nothing were there.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!isAdmin(user)) notFound();
  return user;
}

/**
 * The checked user and the projects they may use, asked of Keystone at the same time: the list is
 * requested with the cookie's token while the token is being checked, and used only once it is.
 */
export async function requireUserWithProjects() {
  const unchecked = await currentUser();
  if (unchecked) projectsOf(unchecked.keystoneToken).catch(() => undefined); // awaited below, once checked
  return withKeystoneSession(async (user) => ({ user, projects: await projectsOf(user.keystoneToken) }));
}

/** Runs a Keystone call with the session's token; a token Keystone rejects ends the session. */
export async function withKeystoneSession<T>(fn: (user: SessionUser) => Promise<T>): Promise<T> {
  const user = await requireUser();
  try {
    return await fn(user);
  } catch (e) {
    if (isKeystoneError(e, "unauthorized")) redirect("/session-ended");
    throw e;
  }
}
