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
  | "receipt_expired";

export class LoginError extends CredentialsSignin {
  constructor(
    readonly code: LoginFailure,
    /** Seconds to wait, for "throttled" and "blocked". */
    readonly retryAfter = 0,
    /** Wrong passcodes still allowed, for "wrong_passcode". */
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
    case "mfa_required":
    case "password_expired":
      return "Continue signing in.";
  }
}
