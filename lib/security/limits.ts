import { createHmac } from "node:crypto";
import type { SecurityStore } from "./store";

export const PASSCODE_FAILURES = { max: 5, windowSeconds: 300 }; // per user
export const PASSWORD_FAILURES = { max: 20, windowSeconds: 300 }; // per client address
export const REPLAY_WINDOW_SECONDS = 90;

/**
 * The attempt limits and the passcode replay guard, kept in store.
 * secret (AUTH_SECRET) keys the hash that stands for a used passcode, the same on every instance.
 */
export function createGuards(store: SecurityStore, secret: string) {
  const replayKey = createHmac("sha256", secret).update("mfa-dashboard passcode replay").digest();
  const usedPasscodeKey = (userId: string, passcode: string) =>
    `passcode-used:${createHmac("sha256", replayKey).update(`${userId}:${passcode}`).digest("hex")}`;
  const passcodeFailuresKey = (userId: string) => `passcode-failures:${userId}`;
  const passwordFailuresKey = (clientAddress: string) => `password-failures:${clientAddress}`;

  const blockedFor = async (key: string, limit: { max: number }) => {
    const { count, resetInSeconds } = await store.peek(key);
    return count >= limit.max ? resetInSeconds : 0;
  };

  const failed = async (key: string, limit: { max: number; windowSeconds: number }) => {
    const { count, resetInSeconds } = await store.hit(key, limit.windowSeconds);
    return { attemptsLeft: Math.max(limit.max - count, 0), blockedFor: count >= limit.max ? resetInSeconds : 0 };
  };

  return {
    /** Seconds to wait when the user has used up their wrong passcodes, else 0. */
    passcodeBlockedFor: (userId: string) => blockedFor(passcodeFailuresKey(userId), PASSCODE_FAILURES),
    /** Records a wrong passcode; returns { blockedFor } (seconds, 0 when still allowed) and attemptsLeft. */
    passcodeFailed: (userId: string) => failed(passcodeFailuresKey(userId), PASSCODE_FAILURES),
    /** Claims a passcode for a user for 90 s; false when it was already used (replay). Call before asking Keystone. */
    claimPasscode: (userId: string, passcode: string) =>
      store.claim(usedPasscodeKey(userId, passcode), REPLAY_WINDOW_SECONDS),
    /** Gives a claimed passcode back when Keystone refused it, so a typo does not burn the code. */
    releasePasscode: (userId: string, passcode: string) => store.delete(usedPasscodeKey(userId, passcode)),
    /** Seconds to wait when this address has used up its wrong passwords, else 0. */
    passwordBlockedFor: (clientAddress: string) => blockedFor(passwordFailuresKey(clientAddress), PASSWORD_FAILURES),
    /** Records a wrong password from this address; blockedFor is 0 while it may still try. */
    passwordFailed: async (clientAddress: string) => {
      const { blockedFor } = await failed(passwordFailuresKey(clientAddress), PASSWORD_FAILURES);
      return { blockedFor };
    },
  };
}
