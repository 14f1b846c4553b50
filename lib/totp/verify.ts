import { verify } from "otplib";
import { message, type Message } from "@/lib/i18n/message";

export const STEP_SECONDS = 30;
/** How far to look for a code from a device whose clock is off: 10 minutes either way. */
const DRIFT_SEARCH_SECONDS = 600;

export type PasscodeCheck =
  | { ok: true }
  /** The code belongs to another time: the device clock is off by about this many seconds (+ ahead). */
  | { ok: false; driftSeconds: number }
  | { ok: false; driftSeconds?: undefined };

/**
 * Checks a code the way Keystone will: the current 30-second step or the one before, never a
 * future one. When it does not match, looks further to tell a wrong code from a wrong clock.
 */
export async function checkPasscode(secret: string, passcode: string, now = Date.now()): Promise<PasscodeCheck> {
  const epoch = Math.floor(now / 1000);
  const keystoneWindow = await verify({ secret, token: passcode, epoch, epochTolerance: [STEP_SECONDS, 0] });
  if (keystoneWindow.valid) return { ok: true };
  const wide = await verify({ secret, token: passcode, epoch, epochTolerance: DRIFT_SEARCH_SECONDS });
  if (wide.valid) return { ok: false, driftSeconds: wide.delta * STEP_SECONDS };
  return { ok: false };
}

/** Words for a clock that is off, with what to do about it. */
export function describeDrift(driftSeconds: number): Message {
  const off = Math.abs(driftSeconds);
  const amount = off >= 90 ? message("enrolment.drift.minutes", { count: Math.round(off / 60) }) : message("enrolment.drift.seconds", { count: off });
  return message(driftSeconds > 0 ? "enrolment.drift.ahead" : "enrolment.drift.behind", { amount });
}

/**
 * The code typed to confirm a new authenticator, checked against its secret: the six digits, or a
 * message for the user (wrong format, wrong code, or a device clock that is off).
 */
export async function checkNewAuthenticatorCode(secret: string, passcode: string | null): Promise<{ passcode: string } | { error: Message }> {
  if (!passcode) return { error: message("enrolment.enterCode") };
  const check = await checkPasscode(secret, passcode);
  if (check.ok) return { passcode };
  if (check.driftSeconds !== undefined) return { error: describeDrift(check.driftSeconds) };
  return { error: message("enrolment.codeMismatch") };
}
