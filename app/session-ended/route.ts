import { signOut } from "@/auth";
import { isKeystoneError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import { currentUser } from "@/lib/session";

// Relative, so the answer never repeats the Host header a request claims.
const goTo = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

/**
 * Where pages send a user whose Keystone token was rejected. The session is ended only when
 * Keystone confirms the token is no longer valid, so a link here cannot sign anybody out.
 */
export async function GET() {
  const user = await currentUser();
  if (user) {
    try {
      await keystone().auth.validate(user.keystoneToken);
      return goTo("/");
    } catch (e) {
      // Keystone down is not a reason to end the session; the page will say it is unavailable.
      const rejected = isKeystoneError(e, "unauthorized") || isKeystoneError(e, "not_found");
      if (!rejected) return goTo("/");
    }
  }
  await signOut({ redirect: false }); // also clears a cookie whose session has already ended
  return goTo("/login?reason=expired");
}
