import "server-only";
import type { SignInDeps } from "@/lib/auth/sign-in";
import { isKeystoneError } from "@/lib/keystone";
import { asServiceAccount } from "@/lib/keystone-service";
import { keystone } from "@/lib/keystone-server";
import { recoveryCodeStore } from "@/lib/use-cases";

/*
 * Enrolment during login: Keystone asked for a passcode but the user has no authenticator yet (an
 * administrator required MFA first), or they used a recovery code for a lost one. The user has no
 * token, so the service account acts, and only ever on the user the auth receipt belongs to
 * (lib/auth/sign-in.ts decides when).
 */
export const serviceAccountAuthenticators: SignInDeps["authenticators"] = {
  async ids(userId) {
    try {
      const credentials = await asServiceAccount((token) => keystone().credentials.list(token, userId, "totp"));
      return credentials?.map((c) => c.id) ?? null;
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

/** The recovery codes of the user signing in, through the service account (none without one). */
export const serviceAccountRecoveryCodes: SignInDeps["recoveryCodes"] = {
  redeem: (userId, code) => asServiceAccount((token) => recoveryCodeStore().redeem(token, userId, code)),
  replace: (userId) => asServiceAccount((token) => recoveryCodeStore().replace(token, userId)),
};
