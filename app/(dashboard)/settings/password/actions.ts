"use server";
import { signOut } from "@/auth";
import { changePasswordFromForm } from "@/lib/auth/password-change";
import type { PasswordChangeState } from "@/lib/auth/password-change-errors";
import { requireUser } from "@/lib/session";

export async function changePassword(_prev: PasswordChangeState, form: FormData): Promise<PasswordChangeState> {
  const user = await requireUser();
  const refused = await changePasswordFromForm(user.id, form);
  if (refused) return refused;
  // Keystone revoked every token of the user, this session's included.
  await signOut({ redirectTo: "/login?reason=password-changed" });
  return {};
}
