import { signOut } from "@/auth";
import { isKeystoneError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import { currentUser } from "@/lib/session";

/**
 * Where pages send a user whose Keystone token was rejected. The session is ended only when
 * Keystone confirms the token is no longer valid, so a link here cannot sign anybody out.
 */
export async function GET(request: Request) {
  const user = await currentUser();
  if (user) {
    try {
      await keystone().auth.validate(user.keystoneToken);
      return Response.redirect(new URL("/", request.url), 303);
    } catch (e) {
      // Keystone down is not a reason to end the session; the page will say it is unavailable.
      const rejected = isKeystoneError(e, "unauthorized") || isKeystoneError(e, "not_found");
      if (!rejected) return Response.redirect(new URL("/", request.url), 303);
    }
  }
  await signOut({ redirectTo: "/login?reason=expired" });
}
