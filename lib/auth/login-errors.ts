// From Auth.js core itself (next-auth re-exports it), so that modules without Next can use it.
import { CredentialsSignin } from "@auth/core/errors";

/** Why a sign-in step did not produce a session. None of these reveals whether a user exists. */
export type LoginFailure =
  | "input"
  | "invalid"
  | "unavailable"
  | "throttled"
  | "mfa_required"
  | "password_expired"
  | "passcode_format"
  | "wrong_passcode"
  | "passcode_reused"
  | "blocked"
  | "receipt_expired"
  | "recovery_format"
  | "wrong_recovery_code"
  | "recovery_unavailable";

export class LoginError extends CredentialsSignin {
  constructor(
    readonly code: LoginFailure,
    /** Seconds to wait, for "throttled" and "blocked". */
    readonly retryAfter = 0,
    /** Wrong passcodes (or recovery codes) still allowed, for "wrong_passcode" and "wrong_recovery_code". */
    readonly attemptsLeft = 0,
  ) {
    super(code);
  }
}

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return `${m} minute${m === 1 ? "" : "s"}`;
};

export function loginMessage(e: LoginError): string {
  switch (e.code) {
    case "input":
      return "Enter your username and password.";
    case "invalid":
      return "The username, password or domain is not correct.";
    case "unavailable":
      return "The identity service is unavailable. Please try again in a moment.";
    case "throttled":
      return `Too many failed sign-ins for this account or from your network. Try again in ${minutes(e.retryAfter)}.`;
    case "passcode_format":
      return "Enter the 6-digit passcode from your authenticator app.";
    case "wrong_passcode":
      return `That passcode is not correct. Check your authenticator app and try again (${e.attemptsLeft} ${
        e.attemptsLeft === 1 ? "attempt" : "attempts"
      } left).`;
    case "passcode_reused":
      return "That passcode has already been used. Wait for your app to show the next one.";
    case "blocked":
      return `Too many wrong passcodes. Start over in ${minutes(e.retryAfter)}.`;
    case "receipt_expired":
      return "Your sign-in took too long and has expired. Enter your password again.";
    case "recovery_format":
      return "Enter one of your recovery codes: 10 letters and digits, like k7m2q-x9p4t.";
    case "wrong_recovery_code":
      return `That recovery code is not correct, or it has been used already (${e.attemptsLeft} ${
        e.attemptsLeft === 1 ? "attempt" : "attempts"
      } left).`;
    case "recovery_unavailable":
      return "Recovery codes cannot be used for this sign-in. Ask your cloud administrator to reset your authenticators.";
    case "mfa_required":
    case "password_expired":
      return "Continue signing in.";
  }
}
