"use server";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { boundSessionCookie, signIn } from "@/auth";
import { LoginError, loginMessage } from "@/lib/auth/login-errors";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { signInSteps } from "@/lib/auth/sign-in-server";
import { recoveryCodesPage } from "@/lib/mfa/fresh-recovery-codes";
import { clientAddress } from "@/lib/security/client-address";
import type { MessageState } from "@/lib/i18n/message";
import type { Translated } from "@/lib/i18n/server";
import { BAD_FORM, stateAction } from "@/lib/server-action";

// The steps check the values themselves (lib/auth/sign-in.ts); here they are only read as text.
const text = z.string({ error: BAD_FORM }).default("");

interface LoginAnswer extends MessageState {
  username?: string;
  domain?: string;
}

export type LoginState = Translated<LoginAnswer>;
export type PasscodeState = Translated<MessageState>;

const UNAVAILABLE = loginMessage(new LoginError("unavailable"));

/**
 * Runs one sign-in step through Auth.js, in this process (its HTTP endpoints are not routed): the
 * LoginError, or null when a session began.
 */
async function step(provider: "password" | "totp", fields: Record<string, string>): Promise<LoginError | AuthError | null> {
  try {
    await signIn(provider, { ...fields, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) return e;
    throw e;
  }
  await boundSessionCookie();
  return null;
}

const withNext = (path: string, next: string) => (next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`);

export const loginWithPassword = stateAction(
  { access: "public", input: z.object({ username: text, password: text, domain: text, next: text }) },
  async ({ username, password, domain, next: rawNext }): Promise<LoginAnswer> => {
    const next = safeNextPath(rawNext);
    const error = await step("password", { username, password, domain });
    if (!error) redirect(next);
    if (error instanceof LoginError && error.code === "mfa_required") redirect(withNext("/login/passcode", next));
    if (error instanceof LoginError && error.code === "password_expired") redirect("/login/change-password");
    return { error: error instanceof LoginError ? loginMessage(error) : UNAVAILABLE, username, domain: domain || "Default" };
  },
);

/** Where a passcode step that did not start a session leaves the user (`next` as the form sent it). */
function afterPasscodeFailure(error: AuthError, rawNext: string): MessageState {
  const next = safeNextPath(rawNext);
  if (error instanceof LoginError && error.code === "receipt_expired") redirect("/login?reason=receipt-expired");
  if (!(error instanceof LoginError)) return { error: UNAVAILABLE };
  // The page itself says how long to wait, or shows the enrolment, in place of the form.
  if (error.code === "blocked" || error.code === "enrolment_required") redirect(withNext("/login/passcode", next));
  return { error: loginMessage(error) };
}

const passcodeForm = z.object({ passcode: text, next: text });

export const verifyPasscode = stateAction({ access: "public", input: passcodeForm }, async ({ passcode, next }): Promise<MessageState> => {
  const error = await step("totp", { passcode });
  if (!error) redirect(safeNextPath(next));
  return afterPasscodeFailure(error, next);
});

/**
 * Enrolment during login: store the new authenticator, then finish the login with its passcode;
 * fresh recovery codes are shown before the user goes on.
 */
export const activateAtLogin = stateAction({ access: "public", input: passcodeForm }, async ({ passcode, next }): Promise<MessageState> => {
  const outcome = await signInSteps().enrolmentStep(passcode, clientAddress(await headers()), (code) => step("totp", { passcode: code }));
  if ("signedIn" in outcome) redirect(outcome.recoveryCodes ? recoveryCodesPage(safeNextPath(next)) : safeNextPath(next));
  if (outcome instanceof AuthError) return afterPasscodeFailure(outcome, next);
  return outcome;
});

/** A recovery code in place of the passcode: then the passcode step sets up a new authenticator. */
export const redeemRecoveryCode = stateAction(
  { access: "public", input: z.object({ code: text, next: text }) },
  async ({ code, next }): Promise<MessageState> => {
    try {
      await signInSteps().recoveryStep({ code }, clientAddress(await headers()));
    } catch (e) {
      if (!(e instanceof LoginError)) throw e;
      if (e.code === "receipt_expired") redirect("/login?reason=receipt-expired");
      // The page itself says how long to wait, in place of the form.
      if (e.code === "blocked") redirect(withNext("/login/recovery", safeNextPath(next)));
      return { error: loginMessage(e) };
    }
    redirect(withNext("/login/passcode", safeNextPath(next)));
  },
);
