import { NextResponse, type NextRequest } from "next/server";
import { sessionInCookie } from "@/lib/auth/session-cookie";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/headers";
import { refuseMalformedBody } from "@/lib/security/request-body";

// Auth.js answers its own endpoints (CSRF token, session) with or without a session.
const PUBLIC_PATHS = ["/login", "/session-ended", "/api/auth"];

const isPublic = (pathname: string) => PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));

/**
 * Every page: a fresh CSP nonce (Next.js puts it on its own scripts) and the security headers.
 * Pages other than the login pages: visitors without a session go to the login page, which
 * remembers where they were going.
 */
export async function proxy(req: NextRequest) {
  const refused = await refuseMalformedBody(req);
  if (refused) return refused;
  const https = (req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol).startsWith("https");
  const { pathname, search } = req.nextUrl;

  let response: NextResponse;
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { https, dev: process.env.NODE_ENV === "development" });
  if (isPublic(pathname) || (await sessionInCookie(req.headers))) {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = new URL("/login", req.nextUrl);
    if (pathname !== "/") login.searchParams.set("next", pathname + search);
    response = NextResponse.redirect(login);
  }
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders(https))) response.headers.set(name, value);
  return response;
}

// Not the build's static files, nor the files of public/ (exact names: anything else asks for a
// session). Browsers fetch the icons and the manifest without the session cookie.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|(?:favicon\\.ico|icon\\.svg|icon-192\\.png|icon-512\\.png|icon-maskable-512\\.png|apple-touch-icon\\.png|manifest\\.webmanifest|robots\\.txt)$).*)",
  ],
};
