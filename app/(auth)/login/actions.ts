"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { LoginError, loginMessages } from "@/lib/auth/login-errors";
import { safeNextPath } from "@/lib/auth/safe-redirect";

export interface LoginState {
  error?: string;
  username?: string;
  domain?: string;
}

export async function loginWithPassword(_prev: LoginState, form: FormData): Promise<LoginState> {
  const username = String(form.get("username") ?? "");
  const domain = String(form.get("domain") ?? "") || "Default";
  try {
    await signIn("password", {
      username,
      password: String(form.get("password") ?? ""),
      domain,
      redirect: false,
    });
  } catch (e) {
    if (e instanceof LoginError) return { error: loginMessages[e.code], username, domain };
    if (e instanceof AuthError) return { error: loginMessages.unavailable, username, domain };
    throw e;
  }
  redirect(safeNextPath(form.get("next")));
}
