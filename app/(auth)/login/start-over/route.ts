import { pendingLogins } from "@/lib/auth/pending-login";
import { clearEnrolment } from "@/lib/mfa/pending-enrolment";

/**
 * Drops a half-finished login (the saved receipt and any authenticator being set up) and goes back
 * to the password step. A POST only: a GET (a link, a prefetch, an image) changes nothing (405).
 */
export async function POST() {
  await pendingLogins.clear();
  await clearEnrolment();
  return new Response(null, { status: 303, headers: { Location: "/login" } });
}
