import { isKeystoneError } from "@/lib/keystone";
import type { PasswordField } from "./password-change";

export interface PasswordChangeState {
  error?: string;
  fieldErrors?: Partial<Record<PasswordField, string>>;
}

/** What to tell the user when Keystone refuses a password change. Unknown errors propagate. */
export function passwordChangeError(e: unknown): PasswordChangeState {
  if (isKeystoneError(e, "bad_credentials")) return { fieldErrors: { current: "The current password is not correct." } };
  // Keystone's password policy speaks for itself ("Password should match ...", minimum age, history).
  if (isKeystoneError(e, "validation")) return { error: e.message };
  if (isKeystoneError(e, "unavailable")) return { error: "The identity service is unavailable. Nothing was changed." };
  throw e;
}
