import { auth } from "@/auth";

/*
 * The only Auth.js endpoint the dashboard answers, read-only: the visible part of the session
 * (name, project, roles, expiry; never the Keystone token), or null. Auth.js's own sign-in,
 * callback, sign-out and CSRF endpoints are not routed: sessions start through the sign-in forms.
 */
export async function GET() {
  return Response.json(await auth(), { headers: { "Cache-Control": "private, no-store" } });
}
