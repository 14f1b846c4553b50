import type { Guards } from "@/lib/security/limits";
import { whileHolding, type LockClock } from "@/lib/security/user-lock";

/*
 * Every change of a user's MFA checks the lockout guard against what Keystone holds, then writes.
 * Two changes at once (an administrator and the user, two administrators, two tabs) could both
 * pass a check only one of them could pass after the other, e.g. each removing one of two
 * authenticators, so the changes of one user are made one at a time, on every instance.
 * A change may remove authenticators: once it is made, sign-in forgets that the user had one.
 */

/** Another change of the user's MFA held the lock for longer than a request waits. */
export class MfaChangeBusy extends Error {
  constructor() {
    super("The user's MFA is being changed by another request");
    this.name = "MfaChangeBusy";
  }
}

export type MfaLocks = Pick<Guards, "lockMfaChanges" | "unlockMfaChanges" | "forgetAuthenticator">;

/** Runs `fn` as the one change of `userId`'s MFA under way; throws MfaChangeBusy when it waited too long. */
export const oneChangeAtATime =
  (locks: MfaLocks, clock: LockClock) =>
  <T>(userId: string, fn: () => Promise<T>): Promise<T> =>
    whileHolding({ take: () => locks.lockMfaChanges(userId), give: () => locks.unlockMfaChanges(userId) }, clock, () => new MfaChangeBusy(), async () => {
      try {
        return await fn();
      } finally {
        await locks.forgetAuthenticator(userId);
      }
    });
