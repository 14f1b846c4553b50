import "server-only";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session-user";
import { config } from "@/lib/config";
import { isKeystoneError } from "@/lib/keystone";

/**
 * The signed-in user with the Keystone token, read from the encrypted session cookie.
 * Server-only: the token never leaves the server.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const h = await headers();
  const secureCookie = (h.get("x-forwarded-proto") ?? "").startsWith("https");
  const jwt = await getToken({ req: { headers: h }, secret: config().AUTH_SECRET, secureCookie });
  const user = jwt?.user;
  if (!user || Date.parse(user.expiresAt) <= Date.now()) return null;
  return user;
}

/** The signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

export const isAdmin = (user: Pick<SessionUser, "roles">) => user.roles.includes("admin");

/**
 * The signed-in administrator (admin role on the session's token). Every admin page and action
 * calls this itself: hiding a link is not authorisation. Others get a 404, as if nothing were there.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!isAdmin(user)) notFound();
  return user;
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
