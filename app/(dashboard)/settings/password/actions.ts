"use server";
import { signOut } from "@/auth";
import { parsePasswordChange } from "@/lib/auth/password-change";
import { passwordChangeError, type PasswordChangeState } from "@/lib/auth/password-change-errors";
import { keystone } from "@/lib/keystone-server";
import { requireUser } from "@/lib/session";

export async function changePassword(_prev: PasswordChangeState, form: FormData): Promise<PasswordChangeState> {
  const user = await requireUser();
  const parsed = parsePasswordChange(form);
  if (!parsed.values) return { fieldErrors: parsed.fieldErrors };
  try {
    await keystone().users.changePassword(user.id, parsed.values.current, parsed.values.password);
  } catch (e) {
    return passwordChangeError(e);
  }
  // Keystone revoked every token of the user, this session's included.
  await signOut({ redirectTo: "/login?reason=password-changed" });
  return {};
}
