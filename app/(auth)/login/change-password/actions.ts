"use server";
import { redirect } from "next/navigation";
import { changePasswordFromForm, expiredPassword } from "@/lib/auth/password-change";
import type { PasswordChangeState } from "@/lib/auth/password-change-errors";

/** Changes an expired password: Keystone's endpoint needs no token, only the current password. */
export async function changeExpiredPassword(_prev: PasswordChangeState, form: FormData): Promise<PasswordChangeState> {
  const pending = await expiredPassword.get();
  if (!pending) redirect("/login?reason=receipt-expired");
  const refused = await changePasswordFromForm(pending.userId, form);
  if (refused) return refused;
  await expiredPassword.clear();
  redirect("/login?reason=password-changed");
}
