import { getToken } from "next-auth/jwt";
import type { SessionUser } from "@/lib/auth/session-user";
import { config } from "@/lib/config";

/**
 * The user in a request's session cookie, decrypted but not checked with Keystone; null without
 * one or once its Keystone token has expired. Only decodes: Auth.js's auth() would also re-encrypt
 * the session, which nobody here writes back.
 */
export async function sessionInCookie(headers: Headers): Promise<SessionUser | null> {
  const secureCookie = (headers.get("x-forwarded-proto") ?? "").startsWith("https");
  const jwt = await getToken({ req: { headers }, secret: config().AUTH_SECRET, secureCookie });
  const user = jwt?.user;
  if (!user || Date.parse(user.expiresAt) <= Date.now()) return null;
  return user;
}
