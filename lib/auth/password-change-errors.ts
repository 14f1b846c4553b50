import { message, type Message } from "@/lib/i18n/message";
import { isKeystoneError } from "@/lib/keystone";
import type { PasswordField } from "./password-change";

export interface PasswordChangeState {
  error?: Message;
  fieldErrors?: Partial<Record<PasswordField, Message>>;
}

/** What to tell the user when Keystone refuses a password change. Unknown errors propagate. */
export function passwordChangeError(e: unknown): PasswordChangeState {
  if (isKeystoneError(e, "bad_credentials")) return { fieldErrors: { current: message("password.errors.currentWrong") } };
  // Keystone's password policy speaks for itself ("Password should match ...", minimum age, history).
  if (isKeystoneError(e, "validation")) return { error: message("password.errors.policy", { reason: e.message }) };
  if (isKeystoneError(e, "unavailable")) return { error: message("password.errors.unavailable") };
  throw e;
}
