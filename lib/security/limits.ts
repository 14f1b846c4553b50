import { createHmac } from "node:crypto";
import type { SecurityStore } from "./store";

export interface Limit {
  max: number;
  windowSeconds: number;
}

export const PASSCODE_FAILURES: Limit = { max: 5, windowSeconds: 300 }; // per user, every way a passcode is checked
export const PASSWORD_FAILURES: Limit = { max: 20, windowSeconds: 300 }; // per client address
export const USERNAME_FAILURES: Limit = { max: 10, windowSeconds: 900 }; // per username, whatever the address
export const PASSWORD_CHANGE_FAILURES: Limit = { max: 5, windowSeconds: 900 }; // per user
export const REPLAY_WINDOW_SECONDS = 90;
export const ENROLMENT_CLAIM_SECONDS = 60; // one enrolment at sign-in per user at a time, on every instance
// Held around each read-modify-write of a user's recovery codes in Keystone (which has no
// compare-and-swap). Far longer than a holder can take (two Keystone calls, even at the longest
// KEYSTONE_TIMEOUT_MS, and a hash), so it never expires under a live holder; a holder that died
// keeps the codes busy this long at most.
export const RECOVERY_LOCK_SECONDS = 600;
// The same, around each change of a user's MFA (a few Keystone calls, the recovery codes' lock among them).
export const MFA_CHANGE_LOCK_SECONDS = 600;
// How long a passcode Keystone accepted lets later sign-ins skip asking whether the user has an authenticator.
export const KNOWN_AUTHENTICATOR_SECONDS = 7 * 24 * 60 * 60;
export const RECOVERY_TICKET_SECONDS = 15 * 60; // outlives the enrolment it starts (10 minutes)
const POLICY_VERSION = "mfa-policy-version";
const POLICY_VERSION_SECONDS = 24 * 60 * 60; // a counter in the store; it only has to differ from a value read seconds ago
export const FIRST_PAGE_SECONDS = 10; // the first page within this long after a sign-in may trust what issuing the token said
// Kept well past that window, so a token whose claim expired can never be claimed again, even by an
// instance whose clock is some seconds behind (the window is checked both ways).
const FIRST_PAGE_CLAIM_SECONDS = 6 * FIRST_PAGE_SECONDS;

/**
 * One attempt, counted before anything is checked, so requests sent at once cannot all slip past
 * the limit: the store's counter says which of them may go on.
 */
export type Attempt =
  | { allowed: false; retryAfter: number }
  | {
      allowed: true;
      /** Attempts left if this one fails. */
      attemptsLeft: number;
      /** Seconds the caller will have to wait if this one fails (0 while attempts are left). */
      blockedIfFails: number;
      /** Gives the attempt back: it succeeded, or never reached a verdict (Keystone down). Idempotent. */
      giveBack(): Promise<void>;
    };

/**
 * The attempt limits and the passcode replay guard, kept in store.
 * secret (AUTH_SECRET) keys the hashes that stand for passcodes and usernames in the store, the same
 * on every instance.
 */
export function createGuards(store: SecurityStore, secret: string) {
  const keyed = (purpose: string) => {
    const key = createHmac("sha256", secret).update(`mfa-dashboard ${purpose}`).digest();
    return (value: string) => createHmac("sha256", key).update(value).digest("hex");
  };
  const replayHash = keyed("passcode replay");
  const usernameHash = keyed("username");
  const usedPasscodeKey = (userId: string, passcode: string) => `passcode-used:${replayHash(`${userId}:${passcode}`)}`;
  const passcodeFailuresKey = (userId: string) => `passcode-failures:${userId}`;
  const passwordFailuresKey = (clientAddress: string) => `password-failures:${clientAddress}`;
  // Case-folded: Keystone's SQL backends usually match names without regard to case.
  const usernameFailuresKey = (username: string, domain: string) =>
    `username-failures:${usernameHash(`${domain.toLowerCase()}\u0000${username.toLowerCase()}`)}`;
  const passwordChangeFailuresKey = (userId: string) => `password-change-failures:${userId}`;
  const tokenHash = keyed("first page");
  const knownAuthenticatorKey = (userId: string) => `authenticator-known:${userId}`;

  /** Counts one attempt against every limit; allowed only when all of them still have room. */
  async function attempt(limits: [key: string, limit: Limit][]): Promise<Attempt> {
    const counts = await Promise.all(limits.map(([key, limit]) => store.hit(key, limit.windowSeconds)));
    let givenBack = false;
    const giveBack = async () => {
      if (givenBack) return; // once per attempt, however many paths lead here
      givenBack = true;
      await Promise.all(limits.map(([key]) => store.release(key)));
    };
    const over = counts.filter((c, i) => c.count > limits[i][1].max);
    if (over.length > 0) {
      // A refused attempt is not a failure: the counters stay at their limits, the windows unchanged.
      await giveBack();
      return { allowed: false, retryAfter: Math.max(...over.map((c) => c.resetInSeconds)) };
    }
    const left = counts.map((c, i) => limits[i][1].max - c.count);
    const blocking = counts.filter((c, i) => c.count >= limits[i][1].max);
    return {
      allowed: true,
      attemptsLeft: Math.min(...left),
      blockedIfFails: blocking.length ? Math.max(...blocking.map((c) => c.resetInSeconds)) : 0,
      giveBack,
    };
  }

  const blockedFor = async (key: string, limit: Limit) => {
    const { count, resetInSeconds } = await store.peek(key);
    return count >= limit.max ? resetInSeconds : 0;
  };

  return {
    /** One passcode check for a user (sign-in, confirming a change, a recovery code). */
    passcodeAttempt: (userId: string) => attempt([[passcodeFailuresKey(userId), PASSCODE_FAILURES]]),
    /** Seconds to wait when the user has used up their wrong passcodes, else 0 (for pages; counts nothing). */
    passcodeBlockedFor: (userId: string) => blockedFor(passcodeFailuresKey(userId), PASSCODE_FAILURES),
    /** One password sign-in: limited per client address and per username. */
    passwordAttempt: (clientAddress: string, username: string, domain: string) =>
      attempt([
        [passwordFailuresKey(clientAddress), PASSWORD_FAILURES],
        [usernameFailuresKey(username, domain), USERNAME_FAILURES],
      ]),
    /** One change of a user's password (the current password is checked by Keystone). */
    passwordChangeAttempt: (userId: string) => attempt([[passwordChangeFailuresKey(userId), PASSWORD_CHANGE_FAILURES]]),
    /** Claims a passcode for a user for 90 s; false when it was already used (replay). Call before asking Keystone. */
    claimPasscode: (userId: string, passcode: string) =>
      store.claim(usedPasscodeKey(userId, passcode), REPLAY_WINDOW_SECONDS),
    /** Gives a claimed passcode back when Keystone refused it, so a typo does not burn the code. */
    releasePasscode: (userId: string, passcode: string) => store.delete(usedPasscodeKey(userId, passcode)),
    /** Claims the right to add a user's first authenticator at sign-in; false while another sign-in holds it. */
    claimEnrolment: (userId: string) => store.claim(`enrolment:${userId}`, ENROLMENT_CLAIM_SECONDS),
    releaseEnrolment: (userId: string) => store.delete(`enrolment:${userId}`),
    /** Takes the lock on a user's recovery codes; false while another request, on any instance, holds it. */
    lockRecoveryCodes: (userId: string) => store.claim(`recovery-lock:${userId}`, RECOVERY_LOCK_SECONDS),
    unlockRecoveryCodes: (userId: string) => store.delete(`recovery-lock:${userId}`),
    /** Takes the lock on a user's MFA (rules and authenticators); false while another change, on any instance, holds it. */
    lockMfaChanges: (userId: string) => store.claim(`mfa-lock:${userId}`, MFA_CHANGE_LOCK_SECONDS),
    unlockMfaChanges: (userId: string) => store.delete(`mfa-lock:${userId}`),
    /**
     * Keystone has just accepted a passcode of the user's, so they have an authenticator: their next
     * sign-ins need not ask. Only a change made through the dashboard forgets it (and a wrong
     * passcode, which asks Keystone again): a removal made elsewhere is caught by that wrong passcode.
     */
    rememberAuthenticator: async (userId: string) => void (await store.hit(knownAuthenticatorKey(userId), KNOWN_AUTHENTICATOR_SECONDS)),
    remembersAuthenticator: async (userId: string) => (await store.peek(knownAuthenticatorKey(userId))).count > 0,
    forgetAuthenticator: (userId: string) => store.delete(knownAuthenticatorKey(userId)),
    /** Spends the ticket a used recovery code gave (one new authenticator); true the first time only. */
    spendRecoveryTicket: (ticket: string) => store.claim(`recovery-ticket:${ticket}`, RECOVERY_TICKET_SECONDS),
    /** Gives a spent ticket back when the sign-in it was spent on did not finish. */
    restoreRecoveryTicket: (ticket: string) => store.delete(`recovery-ticket:${ticket}`),
    /** The MFA policy version: it moves whenever an administrator sets or clears a group or domain policy. */
    policyVersion: async () => (await store.peek(POLICY_VERSION)).count,
    policyChanged: async () => void (await store.hit(POLICY_VERSION, POLICY_VERSION_SECONDS)),
    /**
     * Claims the one page of a session that may skip validating its token with Keystone: the first,
     * as Keystone has just said what the token holds. True once per token, on every instance.
     */
    claimFirstPage: (keystoneToken: string) => store.claim(`first-page:${tokenHash(keystoneToken)}`, FIRST_PAGE_CLAIM_SECONDS),
  };
}

export type Guards = ReturnType<typeof createGuards>;
