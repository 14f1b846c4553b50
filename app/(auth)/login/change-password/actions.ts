"use server";
import { redirect } from "next/navigation";
import { expiredPassword, passwordChangeForm } from "@/lib/auth/password-change";
import type { PasswordChangeState } from "@/lib/auth/password-change-errors";
import { stateAction } from "@/lib/server-action";
import { passwordChanges } from "@/lib/use-cases";

/** Changes an expired password: Keystone's endpoint needs no token, only the current password. */
export const changeExpiredPassword = stateAction(
  { access: "public", input: passwordChangeForm },
  async (input): Promise<PasswordChangeState> => {
    const pending = await expiredPassword.get();
    if (!pending) redirect("/login?reason=receipt-expired");
    const refused = await passwordChanges()(pending.userId, input);
    if (refused) return refused;
    await expiredPassword.clear();
    redirect("/login?reason=password-changed");
  },
);
