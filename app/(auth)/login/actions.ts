"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { LoginError, loginMessage } from "@/lib/auth/login-errors";
import { pendingLogin } from "@/lib/auth/pending-login";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { registerAtLogin, unregisterAtLogin } from "@/lib/mfa/login-enrolment";
import { clearEnrolment } from "@/lib/mfa/pending-enrolment";

export interface LoginState {
  error?: string;
  username?: string;
  domain?: string;
}

const UNAVAILABLE = loginMessage(new LoginError("unavailable"));

/** Runs one sign-in step through Auth.js; returns the LoginError, or nothing when a session began. */
async function step(provider: "password" | "totp", fields: Record<string, string>): Promise<LoginError | AuthError | null> {
  try {
    await signIn(provider, { ...fields, redirect: false });
    return null;
  } catch (e) {
    if (e instanceof AuthError) return e;
    throw e;
  }
}

const withNext = (path: string, next: string) => (next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`);

export async function loginWithPassword(_prev: LoginState, form: FormData): Promise<LoginState> {
  const username = String(form.get("username") ?? "");
  const domain = String(form.get("domain") ?? "") || "Default";
  const next = safeNextPath(form.get("next"));
  const error = await step("password", { username, domain, password: String(form.get("password") ?? "") });
  if (!error) redirect(next);
  if (error instanceof LoginError && error.code === "mfa_required") redirect(withNext("/login/passcode", next));
  if (error instanceof LoginError && error.code === "password_expired") redirect("/login/change-password");
  return { error: error instanceof LoginError ? loginMessage(error) : UNAVAILABLE, username, domain };
}

export interface PasscodeState {
  error?: string;
}

/** Where a passcode step that did not start a session leaves the user. */
function afterPasscodeFailure(error: AuthError, next: string): PasscodeState {
  if (error instanceof LoginError && error.code === "receipt_expired") redirect("/login?reason=receipt-expired");
  if (!(error instanceof LoginError)) return { error: UNAVAILABLE };
  // The page itself says how long to wait, in place of the form.
  if (error.code === "blocked") redirect(withNext("/login/passcode", next));
  return { error: loginMessage(error) };
}

export async function verifyPasscode(_prev: PasscodeState, form: FormData): Promise<PasscodeState> {
  const next = safeNextPath(form.get("next"));
  const error = await step("totp", { passcode: String(form.get("passcode") ?? "") });
  if (!error) redirect(next);
  return afterPasscodeFailure(error, next);
}

/** Enrolment during login: store the new authenticator, then finish the login with its passcode. */
export async function activateAtLogin(_prev: PasscodeState, form: FormData): Promise<PasscodeState> {
  const next = safeNextPath(form.get("next"));
  const pending = await pendingLogin();
  if (!pending?.enrol) redirect("/login?reason=receipt-expired");
  const registered = await registerAtLogin(pending.userId, form.get("passcode"));
  if (!registered.ok) return { error: registered.error };
  const error = await step("totp", { passcode: registered.passcode });
  if (!error) {
    await clearEnrolment();
    redirect(next);
  }
  await unregisterAtLogin(registered.credentialId);
  return afterPasscodeFailure(error, next);
}
