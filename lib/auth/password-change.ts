import "server-only";
import { z } from "zod";
import { keystone } from "@/lib/keystone-server";
import { passwordChangeError, type PasswordChangeState } from "./password-change-errors";
import { sealedCookie } from "./sealed-cookie";

/** A user whose password Keystone says has expired, between the login and the change page. */
export interface ExpiredPassword {
  userId: string;
}

export const expiredPassword = sealedCookie<ExpiredPassword>("password-expired");
export const EXPIRED_PASSWORD_SECONDS = 10 * 60;

export type PasswordField = "current" | "password" | "confirm";

const schema = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(4096),
    password: z.string().min(1, "Enter a new password.").max(4096),
    confirm: z.string().max(4096),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two new passwords do not match." })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "The new password must differ from the current one." });

/** The change-password form, checked: the values, or a message per field. */
function parsePasswordChange(form: FormData) {
  const input = schema.safeParse({
    current: form.get("current") ?? "",
    password: form.get("password") ?? "",
    confirm: form.get("confirm") ?? "",
  });
  if (input.success) return { values: input.data } as const;
  const fieldErrors: Partial<Record<PasswordField, string>> = {};
  for (const issue of input.error.issues) fieldErrors[issue.path[0] as PasswordField] ??= issue.message;
  return { fieldErrors } as const;
}

/**
 * Changes a user's password from the change-password form (Keystone needs no token for it).
 * Returns what to show when it did not happen, or null once it did.
 */
export async function changePasswordFromForm(userId: string, form: FormData): Promise<PasswordChangeState | null> {
  const parsed = parsePasswordChange(form);
  if (!parsed.values) return { fieldErrors: parsed.fieldErrors };
  try {
    await keystone().users.changePassword(userId, parsed.values.current, parsed.values.password);
  } catch (e) {
    return passwordChangeError(e);
  }
  // Keystone revokes the user's tokens by time with one-second precision: a token issued in the
  // same second as the change is born revoked. Let that second pass before the user signs in again.
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50));
  return null;
}
