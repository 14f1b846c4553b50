import { pendingLogins } from "@/lib/auth/pending-login";

/** Drops a half-finished login (the saved receipt) and goes back to the password step. */
export async function GET(request: Request) {
  await pendingLogins.clear();
  return Response.redirect(new URL("/login", request.url), 303);
}
