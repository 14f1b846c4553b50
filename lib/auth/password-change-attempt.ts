import { message, wait } from "@/lib/i18n/message";
import { isKeystoneError, type Keystone } from "@/lib/keystone";
import type { Guards } from "@/lib/security/limits";
import { passwordChangeError, type PasswordChangeState } from "./password-change-errors";

/** What a password change needs; the real ones are wired in lib/use-cases.ts. */
export interface PasswordChangeDeps {
  keystone: Pick<Keystone, "users">;
  guards: Pick<Guards, "passwordChangeAttempt">;
  /** Waits; Keystone's one-second revocation precision is waited out with it. */
  sleep?(ms: number): Promise<void>;
}

const tooMany = (seconds: number): PasswordChangeState => ({ error: message("password.errors.tooMany", { wait: wait(seconds) }) });

/**
 * Changes a user's password, within an attempt limit per user: Keystone's endpoint needs no token and
 * counts nothing, so without it a stolen session (or anyone with a user id) could guess the current
 * password without end. The attempt is counted before Keystone is asked, and given back only when
 * Keystone answered that the current password was right (the change done, or the new password
 * refused by its policy): a request Keystone did not answer in time may still have been judged, and
 * a slowed-down Keystone must not buy more guesses. Returns what to show when it did not happen, or
 * null once it did.
 */
export function passwordChange({ keystone, guards, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: PasswordChangeDeps) {
  return async function change(userId: string, values: { current: string; password: string }): Promise<PasswordChangeState | null> {
    const attempt = await guards.passwordChangeAttempt(userId);
    if (!attempt.allowed) return tooMany(attempt.retryAfter);
    try {
      await keystone.users.changePassword(userId, values.current, values.password);
    } catch (e) {
      if (isKeystoneError(e, "validation")) await attempt.giveBack();
      else if (isKeystoneError(e, "bad_credentials") && attempt.blockedIfFails > 0) return tooMany(attempt.blockedIfFails);
      return passwordChangeError(e);
    }
    await attempt.giveBack();
    // Keystone revokes the user's tokens by time with one-second precision: a token issued in the
    // same second as the change is born revoked. Let that second pass before the user signs in again.
    await sleep(1000 - (Date.now() % 1000) + 50);
    return null;
  };
}
