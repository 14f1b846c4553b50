import "server-only";
import type { SignInDeps } from "@/lib/auth/sign-in";
import { isKeystoneError } from "@/lib/keystone";
import { asServiceAccount } from "@/lib/keystone-service";
import { keystone } from "@/lib/keystone-server";

/*
 * Enrolment during login: Keystone asked for a passcode but the user has no authenticator yet (an
 * administrator required MFA first). The user has no token, so the service account acts, and only
 * ever on the user the auth receipt belongs to (lib/auth/sign-in.ts decides when).
 */
export const serviceAccountAuthenticators: SignInDeps["authenticators"] = {
  async count(userId) {
    try {
      const credentials = await asServiceAccount((token) => keystone().credentials.list(token, userId, "totp"));
      return credentials?.length ?? null;
    } catch (e) {
      // Without an answer, the ordinary passcode step is the safe default.
      if (isKeystoneError(e)) return null;
      throw e;
    }
  },
  async create(userId, secret) {
    const credential = await asServiceAccount((token) => keystone().credentials.create(token, userId, "totp", secret));
    return credential?.id ?? null;
  },
  async remove(credentialId) {
    await asServiceAccount((token) => keystone().credentials.delete(token, credentialId));
  },
};
