import "server-only";
import { isKeystoneError, MfaRequiredError, type User } from "@/lib/keystone";
import { asServiceAccount } from "@/lib/keystone-service";
import { keystone } from "@/lib/keystone-server";
import { securityGuards as guards } from "@/lib/security";
import { normalizePasscode } from "@/lib/totp/passcode";
import { checkNewAuthenticatorCode } from "@/lib/totp/verify";
import { clearEnrolment, pendingEnrolment } from "./pending-enrolment";
import { readMfaAccount } from "./account";
import { withoutTotp, withPasswordAndTotp } from "./state";
import { activeRules } from "./rules";

/** What one self-service step did: a code for the page's message, or an error for the user. */
export type Outcome = "activated" | "registered" | "added" | "removed" | "off";
export type StepResult = { ok: true; outcome: Outcome } | { ok: false; error: string };

const fail = (error: string): StepResult => ({ ok: false, error });
const UNAVAILABLE = "The identity service could not complete this. Your account is as shown on this page; try again in a moment.";

/**
 * Asks Keystone whether a passcode is right for the user right now: a TOTP-only authentication
 * that either issues a token (no rules; revoked at once) or a receipt that lists totp as done.
 */
async function keystoneAccepts(userId: string, passcode: string): Promise<boolean> {
  try {
    const { token } = await keystone().auth.totp({ userId, passcode });
    await keystone().auth.revoke(token).catch(() => undefined);
    return true;
  } catch (e) {
    if (e instanceof MfaRequiredError) return e.details.methodsDone.includes("totp");
    if (isKeystoneError(e, "bad_credentials")) return false;
    throw e;
  }
}

/**
 * A passcode the user typed to confirm a change: six digits, not used before, accepted by Keystone,
 * within the same wrong-passcode limit as the login (a stolen session cannot guess its way in).
 */
async function confirmPasscode(userId: string, raw: unknown): Promise<string | null> {
  const passcode = normalizePasscode(raw);
  if (!passcode) return "Enter the 6-digit passcode from your authenticator app.";
  const attempt = await guards().passcodeAttempt(userId);
  if (!attempt.allowed) return `Too many wrong passcodes. Try again in ${Math.ceil(attempt.retryAfter / 60)} minute(s).`;
  if (!(await guards().claimPasscode(userId, passcode))) {
    await attempt.giveBack();
    return "That passcode has already been used. Wait for the next one.";
  }
  let accepted: boolean;
  try {
    accepted = await keystoneAccepts(userId, passcode);
  } catch (e) {
    await Promise.all([attempt.giveBack(), guards().releasePasscode(userId, passcode)]);
    throw e;
  }
  if (accepted) {
    await attempt.giveBack();
    return null;
  }
  await guards().releasePasscode(userId, passcode);
  return `That passcode is not correct for any of your authenticators (${attempt.attemptsLeft} attempts left).`;
}

/** Sets the user's rules: with their own token where policy allows, else the service account. */
async function setRules(token: string, user: User, rules: string[][]): Promise<boolean> {
  const options = rules.length
    ? { multi_factor_auth_enabled: true, multi_factor_auth_rules: rules }
    : { multi_factor_auth_rules: null };
  try {
    await keystone().users.update(token, user.id, { options });
    return true;
  } catch (e) {
    if (!isKeystoneError(e, "forbidden")) throw e;
  }
  const done = await asServiceAccount((service) => keystone().users.update(service, user.id, { options }));
  return done !== null;
}

/**
 * Activates the pending authenticator: checks the code as Keystone will, stores the credential with
 * the user's own token, proves Keystone accepts it, then enforces password + totp. Rules are only
 * ever set once a working credential exists.
 */
export async function activateAuthenticator(token: string, userId: string, raw: unknown): Promise<StepResult> {
  const pending = await pendingEnrolment(userId);
  if (!pending) return fail("This setup has expired. Start again to get a new QR code.");
  const checked = await checkNewAuthenticatorCode(pending.secret, normalizePasscode(raw));
  if ("error" in checked) return fail(checked.error);
  const { passcode } = checked;
  // Also stops a double submit: the second request finds the code taken and creates nothing.
  if (!(await guards().claimPasscode(userId, passcode))) return fail("That passcode has already been used. Wait for the next one.");

  try {
    const before = await readMfaAccount(token, userId);
    const credential = await keystone().credentials.create(token, userId, "totp", pending.secret);
    if (!(await keystoneAccepts(userId, passcode))) {
      await keystone().credentials.delete(token, credential.id);
      return fail("Keystone did not accept this authenticator, so it was removed again. Is TOTP enabled in Keystone? Ask your administrator.");
    }
    await clearEnrolment();
    if (before.state === "enforced") return { ok: true, outcome: "added" };
    const enforced = await setRules(token, before.user, withPasswordAndTotp(activeRules(before.user.options)));
    return { ok: true, outcome: enforced ? "activated" : "registered" };
  } catch (e) {
    await guards().releasePasscode(userId, passcode);
    if (isKeystoneError(e)) return fail(UNAVAILABLE);
    throw e;
  }
}

/** Removes one authenticator after a current passcode; never the last one while MFA is enforced. */
export async function removeAuthenticator(token: string, userId: string, credentialId: string, raw: unknown): Promise<StepResult> {
  try {
    const mfa = await readMfaAccount(token, userId);
    if (!mfa.credentialIds.includes(credentialId)) return fail("That authenticator does not exist any more.");
    if (mfa.state === "enforced" && mfa.credentialIds.length === 1) {
      return fail("This is your only authenticator and MFA is on: removing it would lock you out. Turn MFA off instead.");
    }
    const refused = await confirmPasscode(userId, raw);
    if (refused) return fail(refused);
    await keystone().credentials.delete(token, credentialId);
    return { ok: true, outcome: "removed" };
  } catch (e) {
    if (isKeystoneError(e)) return fail(UNAVAILABLE);
    throw e;
  }
}

/** Turns MFA off after a current passcode: the rules go first, then the authenticators. */
export async function turnOffMfa(token: string, userId: string, raw: unknown): Promise<StepResult> {
  try {
    const mfa = await readMfaAccount(token, userId);
    if (mfa.credentialIds.length === 0 && mfa.state === "off") return fail("MFA is already off.");
    const refused = await confirmPasscode(userId, raw);
    if (refused) return fail(refused);
    const rules = activeRules(mfa.user.options);
    if (withoutTotp(rules).length !== rules.length && !(await setRules(token, mfa.user, withoutTotp(rules)))) {
      return fail("Your account's MFA rules can only be changed by an administrator. Nothing was changed.");
    }
    for (const id of mfa.credentialIds) await keystone().credentials.delete(token, id);
    return { ok: true, outcome: "off" };
  } catch (e) {
    if (isKeystoneError(e)) return fail(UNAVAILABLE);
    throw e;
  }
}
