import "server-only";
import { isKeystoneError } from "@/lib/keystone";
import { asServiceAccount, hasServiceAccount } from "@/lib/keystone-service";
import { keystone } from "@/lib/keystone-server";
import { normalizePasscode } from "@/lib/totp/passcode";
import { checkNewAuthenticatorCode } from "@/lib/totp/verify";
import { pendingEnrolment } from "./pending-enrolment";

/*
 * Enrolment during login: Keystone asked for a passcode but the user has no authenticator yet (an
 * administrator required MFA first). The user has no token, so the service account acts, and only
 * ever on the user the auth receipt belongs to.
 */

/** True when the receipt's user has no TOTP credential and the service account can add one. */
export async function lacksAuthenticator(userId: string): Promise<boolean> {
  if (!hasServiceAccount()) return false;
  try {
    const credentials = await asServiceAccount((token) => keystone().credentials.list(token, userId, "totp"));
    return credentials !== null && credentials.length === 0;
  } catch (e) {
    // Without an answer, the ordinary passcode step is the safe default.
    if (isKeystoneError(e)) return false;
    throw e;
  }
}

export type Registered = { ok: true; passcode: string; credentialId: string } | { ok: false; error: string };

/** Checks the code against the pending secret and stores that secret as the user's credential. */
export async function registerAtLogin(userId: string, raw: unknown): Promise<Registered> {
  const pending = await pendingEnrolment(userId);
  if (!pending) return { ok: false, error: "This setup has expired. Start over to get a new QR code." };
  const checked = await checkNewAuthenticatorCode(pending.secret, normalizePasscode(raw));
  if ("error" in checked) return { ok: false, error: checked.error };
  const { passcode } = checked;
  try {
    const credential = await asServiceAccount((token) => keystone().credentials.create(token, userId, "totp", pending.secret));
    if (!credential) return { ok: false, error: "Ask your administrator to set up your authenticator." };
    return { ok: true, passcode, credentialId: credential.id };
  } catch (e) {
    if (isKeystoneError(e)) return { ok: false, error: "The identity service is unavailable. Please try again in a moment." };
    throw e;
  }
}

/** Takes back a credential whose login did not complete, so a failed enrolment leaves nothing behind. */
export async function unregisterAtLogin(credentialId: string): Promise<void> {
  await asServiceAccount((token) => keystone().credentials.delete(token, credentialId)).catch(() => undefined);
}
