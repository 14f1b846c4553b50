// From Auth.js core itself (next-auth re-exports it), so that modules without Next can use it.
import { CredentialsSignin } from "@auth/core/errors";
import { message, wait, type Message } from "@/lib/i18n/message";

/** Why a sign-in step did not produce a session. None of these reveals whether a user exists. */
export type LoginFailure =
  | "input"
  | "invalid"
  | "unavailable"
  | "throttled"
  | "mfa_required"
  | "enrolment_required"
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

/** What the user is told; none of it reveals whether a user exists. */
export function loginMessage(e: LoginError): Message {
  switch (e.code) {
    case "throttled":
    case "blocked":
      return message(`login.errors.${e.code}`, { wait: wait(e.retryAfter) });
    case "wrong_passcode":
    case "wrong_recovery_code":
      return message(`login.errors.${e.code}`, { count: e.attemptsLeft });
    case "mfa_required":
    case "enrolment_required":
    case "password_expired":
      return message("login.errors.continue");
    default:
      return message(`login.errors.${e.code}`);
  }
}
