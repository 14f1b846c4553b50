import { verify } from "otplib";

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
export function describeDrift(driftSeconds: number): string {
  const amount = Math.abs(driftSeconds) >= 90 ? `${Math.round(Math.abs(driftSeconds) / 60)} minutes` : `${Math.abs(driftSeconds)} seconds`;
  const direction = driftSeconds > 0 ? "ahead" : "behind";
  return `That code is for another time: your device's clock seems to be about ${amount} ${direction}. Turn on automatic date and time on the device (or use your app's "sync time" option), then enter the new code.`;
}

/**
 * The code typed to confirm a new authenticator, checked against its secret: the six digits, or a
 * message for the user (wrong format, wrong code, or a device clock that is off).
 */
export async function checkNewAuthenticatorCode(secret: string, passcode: string | null): Promise<{ passcode: string } | { error: string }> {
  if (!passcode) return { error: "Enter the 6-digit passcode your authenticator app shows." };
  const check = await checkPasscode(secret, passcode);
  if (check.ok) return { passcode };
  if (check.driftSeconds !== undefined) return { error: describeDrift(check.driftSeconds) };
  return { error: "That passcode does not match this QR code. Check that you scanned it, then enter the current code." };
}
