"use server";
import { redirect } from "next/navigation";
import { expiredPassword, parsePasswordChange } from "@/lib/auth/password-change";
import { passwordChangeError, type PasswordChangeState } from "@/lib/auth/password-change-errors";
import { keystone } from "@/lib/keystone-server";

/** Changes an expired password: Keystone's endpoint needs no token, only the current password. */
export async function changeExpiredPassword(_prev: PasswordChangeState, form: FormData): Promise<PasswordChangeState> {
  const pending = await expiredPassword.get();
  if (!pending) redirect("/login?reason=receipt-expired");
  const parsed = parsePasswordChange(form);
  if (!parsed.values) return { fieldErrors: parsed.fieldErrors };
  try {
    await keystone().users.changePassword(pending.userId, parsed.values.current, parsed.values.password);
  } catch (e) {
    return passwordChangeError(e);
  }
  await expiredPassword.clear();
  redirect("/login?reason=password-changed");
}
