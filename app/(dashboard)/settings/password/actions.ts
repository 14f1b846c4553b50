"use server";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { passwordChangeForm } from "@/lib/auth/password-change";
import type { PasswordChangeState } from "@/lib/auth/password-change-errors";
import { stateAction } from "@/lib/server-action";
import { passwordChanges } from "@/lib/use-cases";

export const changePassword = stateAction(
  { access: "user", input: passwordChangeForm },
  async (input, user): Promise<PasswordChangeState> => {
    const refused = await passwordChanges()(user.id, input);
    if (refused) return refused;
    // Keystone revoked every token of the user, this session's included. A relative redirect:
    // Auth.js's own would repeat the request's Host header.
    await signOut({ redirect: false });
    redirect("/login?reason=password-changed");
  },
);
