import { randomBytes } from "node:crypto";
import { isKeystoneError, MfaRequiredError, PasswordExpiredError, type AuthReceipt, type IssuedToken, type Keystone, type KeystoneError, type TokenInfo } from "@/lib/keystone";
import { RecoveryCodesBusy, type Redemption } from "@/lib/mfa/recovery";
import { normalizeRecoveryCode } from "@/lib/mfa/recovery-codes";
import type { AuditEvent } from "@/lib/security/audit";
import type { Guards } from "@/lib/security/limits";
import { normalizePasscode } from "@/lib/totp/passcode";
import { checkNewAuthenticatorCode } from "@/lib/totp/verify";
import { LoginError } from "./login-errors";
import { scopeToAProject, toSessionUser, type SessionUser } from "./session-user";
import { message, type Message } from "@/lib/i18n/message";

/*
 * The sign-in steps, and the rules they keep, without Next: every collaborator is an argument, so
 * unit tests exercise the rules with fakes; lib/auth/sign-in-server.ts wires the real ones.
 *
 * - Every attempt is counted before Keystone is asked, and given back when it succeeded or when
 *   Keystone surely did not check it (not reachable, or a gateway saying it is down). An attempt
 *   Keystone may have checked (it answered, even with an error, or did not answer in time) counts,
 *   so overloading Keystone buys an attacker no extra guesses.
 * - Nothing tells an existing user from an unknown one: control characters never reach Keystone
 *   (a NUL byte made it answer 500 for existing users only), any other answer of Keystone's is the
 *   same refusal, and every refused password step takes at least `refusalFloorMs`.
 * - A passcode is used once (the replay guard), whichever instance sees it.
 * - Only one enrolment at sign-in adds a user's first authenticator.
 * - Whether a user has an authenticator is asked of Keystone, except for a user who signed in with
 *   a passcode before and has made no MFA change through the dashboard since (the guards remember
 *   it); a wrong passcode from them asks Keystone after all, so a removal made elsewhere (CLI) turns
 *   the step into the enrolment it would have been.
 * - A recovery code stands in for a lost authenticator: it counts in the same limit as passcodes,
 *   works once, and leads to the enrolment of a new authenticator, which replaces the lost ones
 *   only once Keystone has accepted it. Every enrolment at sign-in ends with fresh recovery codes.
 */

/** A password step that Keystone answered with an auth receipt: what the passcode step needs. */
export interface PendingLogin {
  receipt: string;
  userId: string;
  userName: string;
  domainName: string;
  expiresAt: string;
  /** Methods still needed, one list per rule Keystone would accept. */
  missingMethods: string[][];
  /** The user has no authenticator yet: the passcode step becomes an enrolment. */
  enrol: boolean;
  /** A recovery code was used: the enrolment replaces the user's lost authenticators. */
  recovering?: boolean;
  /** Keystone was not asked whether the user has an authenticator: an earlier sign-in showed they had. */
  assumed?: boolean;
  /** It was assumed, and a passcode showed it gone (removed outside the dashboard): the enrolment says so. */
  authenticatorRemoved?: boolean;
}

/** An enrolment at sign-in that finished: a session began, and maybe fresh recovery codes wait to be shown. */
export interface EnrolmentDone {
  signedIn: true;
  recoveryCodes: boolean;
}

export interface SignInDeps {
  keystone: Pick<Keystone, "auth">;
  guards: Pick<
    Guards,
    | "passwordAttempt"
    | "passcodeAttempt"
    | "claimPasscode"
    | "releasePasscode"
    | "claimEnrolment"
    | "releaseEnrolment"
    | "spendRecoveryTicket"
    | "restoreRecoveryTicket"
    | "rememberAuthenticator"
    | "remembersAuthenticator"
    | "forgetAuthenticator"
  >;
  /** The pending login between the two steps (an encrypted cookie). */
  pendingLogins: { get(): Promise<PendingLogin | null>; save(pending: PendingLogin): Promise<void>; clear(): Promise<void> };
  /**
   * The secret shown while enrolling at sign-in (an encrypted cookie, 10 minutes), with the ticket
   * of the recovery code that started it: it outlives the receipt, so a user who took too long signs
   * in with their password again and finds the same QR code.
   */
  enrolments: {
    start(userId: string, recoveryTicket?: string): Promise<unknown>;
    get(userId: string): Promise<{ secret: string; recoveryTicket?: string } | null>;
    clear(): Promise<void>;
  };
  expiredPasswords: { remember(userId: string): Promise<void> };
  /** A user's TOTP credentials, as the service account sees them; null answers when there is none. */
  authenticators: {
    /** The ids of the user's TOTP credentials; null when they cannot be known. */
    ids(userId: string): Promise<string[] | null>;
    /** The new credential's id; null without a service account. */
    create(userId: string, secret: string): Promise<string | null>;
    remove(credentialId: string): Promise<void>;
  };
  /** The user's recovery codes, as the service account sees them; null answers when there is none. */
  recoveryCodes: {
    redeem(userId: string, code: string): Promise<Redemption | null>;
    /** A new set replacing the old one: the codes to show once. */
    replace(userId: string): Promise<string[] | null>;
  };
  /** Fresh recovery codes waiting to be shown once (an encrypted cookie). */
  freshCodes: { keep(userId: string, codes: string[]): Promise<void> };
  /** Sets MFA rules on a user a group or domain policy covers; true when it did. */
  enforcePolicy(user: TokenInfo["user"]): Promise<boolean>;
  /** Keystone has just issued the token a session will start with: lets its first page's projects be asked now. */
  tokenIssued(token: string): void;
  audit(event: AuditEvent): Promise<void>;
  clock: { now(): number; sleep(ms: number): Promise<void> };
  refusalFloorMs: number;
}

export const ENROLMENT_EXPIRED = message("login.enrolment.expired");
export const ENROLMENT_ELSEWHERE = message("login.enrolment.elsewhere");
export const ALREADY_ENROLLED = message("login.enrolment.alreadyEnrolled");
export const ENROLMENT_NEEDS_ADMIN = message("login.enrolment.needsAdmin");
export const ENROLMENT_UNAVAILABLE = message("login.errors.unavailable");
export const RECOVERY_SPENT = message("login.enrolment.recoverySpent");

const REDEMPTION_REFUSED = new Map<Redemption["outcome"], string>([
  ["wrong", "wrong recovery code"],
  ["used before", "recovery code used before"],
  ["no codes", "no recovery codes"],
]);

/** True when one of the rules can be completed with a TOTP passcode alone. */
export const canContinueWithTotp = (pending: Pick<PendingLogin, "missingMethods">) =>
  pending.missingMethods.some((rule) => rule.length === 1 && rule[0] === "totp");

// C0 and C1 controls and DEL, and lone surrogates (Keystone's hashing fails on them, for existing users only).
const CONTROL = /[\p{Cc}\p{Cs}]/u;

/** Keystone surely did not check the credentials: it was not reached, or a gateway says it is down. */
const unchecked = (e: KeystoneError) => e.kind === "unavailable" && (e.status === undefined || e.status === 502 || e.status === 503);

interface PasswordForm {
  username: string;
  password: string;
  domain: string;
}

/** The password form's fields: null when one is missing; `odd` when a field could not be a real login. */
function readPasswordForm(raw: unknown): (PasswordForm & { odd: boolean }) | null {
  const field = (name: string) => {
    const value = (raw as Record<string, unknown> | null)?.[name];
    return typeof value === "string" ? value : "";
  };
  const form = { username: field("username").trim(), password: field("password"), domain: field("domain").trim() || "Default" };
  if (!form.username || !form.password) return null;
  const tooLong = form.username.length > 255 || form.domain.length > 255 || form.password.length > 4096;
  return { ...form, odd: tooLong || [form.username, form.password, form.domain].some((v) => CONTROL.test(v)) };
}

export function createSignIn(deps: SignInDeps) {
  const { keystone, guards, pendingLogins, audit, clock } = deps;

  /** A scoped token is the session's as it is (an unscoped one is rescoped first). */
  const sessionTokenIssued = (issued: IssuedToken) => {
    if (issued.info.project) deps.tokenIssued(issued.token);
  };

  /**
   * The passcode step comes next: the receipt is kept, and an enrolment starts if the user has no
   * authenticator, or goes on if a recovery code of theirs started one in the last minutes.
   */
  async function awaitPasscode(receipt: MfaRequiredError, clientAddress: string) {
    const { id, name } = receipt.details.user;
    const totp = canContinueWithTotp(receipt);
    const recovering = totp && (await deps.enrolments.get(id))?.recoveryTicket !== undefined;
    const assumed = totp && !recovering && (await guards.remembersAuthenticator(id));
    const enrol = recovering || (totp && !assumed && (await deps.authenticators.ids(id))?.length === 0);
    if (enrol && !recovering) await deps.enrolments.start(id);
    await pendingLogins.save({ ...pendingFrom(receipt.details, receipt.missingMethods, enrol), ...(recovering ? { recovering } : {}), ...(assumed ? { assumed } : {}) });
    await audit({ event: "login.password", userId: id, userName: name, clientAddress, outcome: "mfa_required" });
  }

  /**
   * After a wrong passcode from a user assumed to have an authenticator, Keystone is asked: with
   * none left, the passcode step becomes the enrolment the password step would have started. True then.
   */
  async function enrolIfNoneLeft(pending: PendingLogin): Promise<boolean> {
    await guards.forgetAuthenticator(pending.userId);
    const none = (await deps.authenticators.ids(pending.userId))?.length === 0;
    if (none) await deps.enrolments.start(pending.userId);
    await pendingLogins.save({ ...pending, assumed: false, enrol: none, authenticatorRemoved: none });
    return none;
  }

  async function password(raw: unknown, clientAddress: string): Promise<SessionUser> {
    const form = readPasswordForm(raw);
    if (!form) throw new LoginError("input");
    const attempt = await guards.passwordAttempt(clientAddress, form.username, form.domain);
    if (!attempt.allowed) {
      await audit({ event: "login.throttled", clientAddress, outcome: "blocked", reason: "password attempts" });
      throw new LoginError("throttled", attempt.retryAfter);
    }
    const refused = async (reason: string) => {
      await audit({ event: "login.password", clientAddress, outcome: "failure", reason });
      return attempt.blockedIfFails > 0 ? new LoginError("throttled", attempt.blockedIfFails) : new LoginError("invalid");
    };
    if (form.odd) throw await refused("refused before Keystone");

    const login = { username: form.username, password: form.password, domain: form.domain };
    let issued;
    try {
      issued = await keystone.auth.password(login);
      // Keystone answers the first page's projects while the policy is checked and the session made.
      sessionTokenIssued(issued);
      await attempt.giveBack();
      if (await deps.enforcePolicy(issued.info.user)) {
        await keystone.auth.revoke(issued.token).catch(() => undefined);
        issued = await keystone.auth.password(login); // now answers with an auth receipt
      }
    } catch (e) {
      if (e instanceof MfaRequiredError) {
        await attempt.giveBack();
        await awaitPasscode(e, clientAddress);
        throw new LoginError("mfa_required");
      }
      if (e instanceof PasswordExpiredError) {
        await attempt.giveBack();
        await deps.expiredPasswords.remember(e.userId);
        await audit({ event: "login.password", userId: e.userId, clientAddress, outcome: "failure", reason: "password expired" });
        throw new LoginError("password_expired");
      }
      if (!isKeystoneError(e) || unchecked(e)) {
        await attempt.giveBack();
        throw isKeystoneError(e) ? new LoginError("unavailable") : e;
      }
      if (e.status === 504) {
        await audit({ event: "login.password", clientAddress, outcome: "failure", reason: "Keystone did not answer in time" });
        throw new LoginError("unavailable");
      }
      // A wrong password, an unknown user, or an error Keystone hit on the way (it answers 500 for
      // some existing users only, e.g. a database lock while it records the failure): one refusal.
      throw await refused(e.kind === "bad_credentials" ? "rejected by Keystone" : `Keystone answered ${e.status}`);
    }
    try {
      const user = toSessionUser(await scopeToAProject(keystone, issued));
      await audit({ event: "login.password", userId: user.id, userName: user.name, clientAddress, outcome: "success" });
      return user;
    } catch (e) {
      if (isKeystoneError(e)) throw new LoginError("unavailable");
      throw e;
    }
  }

  /** One attempt in the user's passcode limit (recovery codes count in it too); over the limit, refused and audited. */
  async function passcodeAttempt(who: { userId: string; userName: string; clientAddress: string }) {
    const attempt = await guards.passcodeAttempt(who.userId);
    if (!attempt.allowed) {
      await audit({ event: "login.throttled", ...who, outcome: "blocked", reason: "passcode attempts" });
      throw new LoginError("blocked", attempt.retryAfter);
    }
    return attempt;
  }

  async function passcode(raw: unknown, clientAddress: string): Promise<SessionUser> {
    const pending = await pendingLogins.get();
    if (!pending) throw new LoginError("receipt_expired");
    const code = normalizePasscode((raw as { passcode?: unknown } | null)?.passcode);
    if (!code) throw new LoginError("passcode_format");
    const { userId, userName } = pending;
    const who = { userId, userName, clientAddress };

    const attempt = await passcodeAttempt(who);
    if (!(await guards.claimPasscode(userId, code))) {
      await attempt.giveBack();
      await audit({ event: "login.passcode", ...who, outcome: "failure", reason: "passcode reused" });
      throw new LoginError("passcode_reused");
    }

    try {
      const issued = await keystone.auth.totp({ userId, passcode: code, receipt: pending.receipt });
      sessionTokenIssued(issued);
      await attempt.giveBack();
      await pendingLogins.clear();
      await guards.rememberAuthenticator(userId);
      const user = toSessionUser(await scopeToAProject(keystone, issued));
      await audit({ event: "login.passcode", ...who, outcome: "success" });
      return user;
    } catch (e) {
      await guards.releasePasscode(userId, code);
      if (!isKeystoneError(e) || unchecked(e)) await attempt.giveBack();
      if (!isKeystoneError(e)) throw e;
      if (!isKeystoneError(e, "bad_credentials")) throw new LoginError("unavailable");
      if (Date.parse(pending.expiresAt) <= clock.now()) {
        await pendingLogins.clear();
        throw new LoginError("receipt_expired");
      }
      if (pending.assumed && (await enrolIfNoneLeft(pending))) {
        // No authenticator could have made the passcode: not a guess, so not counted.
        await attempt.giveBack();
        await audit({ event: "login.passcode", ...who, outcome: "failure", reason: "no authenticator left" });
        throw new LoginError("enrolment_required");
      }
      await audit({ event: "login.passcode", ...who, outcome: "failure", reason: "wrong passcode" });
      if (attempt.blockedIfFails > 0) throw new LoginError("blocked", attempt.blockedIfFails);
      throw new LoginError("wrong_passcode", 0, attempt.attemptsLeft);
    }
  }

  /**
   * A recovery code in place of a passcode: counted in the passcode limit before it is checked,
   * checked for the receipt's user only, used up at once (in Keystone, under the security store's
   * lock), then the passcode step becomes the enrolment of a new authenticator.
   */
  async function recovery(raw: unknown, clientAddress: string): Promise<void> {
    const pending = await pendingLogins.get();
    if (!pending) throw new LoginError("receipt_expired");
    if (pending.enrol || !canContinueWithTotp(pending)) throw new LoginError("recovery_unavailable");
    const code = normalizeRecoveryCode((raw as { code?: unknown } | null)?.code);
    if (!code) throw new LoginError("recovery_format");
    const { userId, userName } = pending;
    const who = { userId, userName, clientAddress };

    const attempt = await passcodeAttempt(who);
    let redemption: Redemption | null;
    try {
      redemption = await deps.recoveryCodes.redeem(userId, code);
    } catch (e) {
      // The dashboard checks the code, not Keystone: a failure on the way (Keystone unreachable or
      // erring, the codes busy) reached no verdict a guesser could learn from, so it is free. (Only
      // a matching code gets as far as the write.)
      await attempt.giveBack();
      if (e instanceof RecoveryCodesBusy || isKeystoneError(e)) throw new LoginError("unavailable");
      throw e;
    }
    if (redemption === null) {
      await attempt.giveBack();
      throw new LoginError("recovery_unavailable");
    }
    if (redemption.outcome !== "used") {
      await audit({ event: "login.recovery", ...who, outcome: "failure", reason: REDEMPTION_REFUSED.get(redemption.outcome) });
      if (attempt.blockedIfFails > 0) throw new LoginError("blocked", attempt.blockedIfFails);
      throw new LoginError("wrong_recovery_code", 0, attempt.attemptsLeft);
    }
    await attempt.giveBack();
    await deps.enrolments.start(userId, randomBytes(16).toString("hex"));
    await pendingLogins.save({ ...pending, enrol: true, recovering: true });
    await audit({ event: "login.recovery", ...who, outcome: "success", details: { codesLeft: redemption.left } });
  }

  /** Runs a password step; when it is refused, answers no sooner than the floor. */
  async function passwordStep(raw: unknown, clientAddress: string): Promise<SessionUser> {
    const started = clock.now();
    try {
      return await password(raw, clientAddress);
    } catch (e) {
      const proceeds = e instanceof LoginError && (e.code === "mfa_required" || e.code === "password_expired");
      if (e instanceof LoginError && !proceeds) await clock.sleep(Math.max(0, deps.refusalFloorMs - (clock.now() - started)));
      throw e;
    }
  }

  /** Fresh recovery codes for a user who just enrolled, kept to be shown once; false when none could be made. */
  async function issueRecoveryCodes(userId: string): Promise<boolean> {
    const codes = await deps.recoveryCodes.replace(userId).catch((e: unknown) => {
      if (isKeystoneError(e) || e instanceof RecoveryCodesBusy) return null;
      throw e;
    });
    if (codes) await deps.freshCodes.keep(userId, codes);
    return codes !== null;
  }

  /** Removes the authenticators a recovery code replaced; how many went. */
  async function removeLost(ids: string[]): Promise<number> {
    let removed = 0;
    for (const id of ids) {
      const gone = await deps.authenticators.remove(id).then(() => true, () => false);
      if (gone) removed++;
    }
    return removed;
  }

  /**
   * Enrolment at sign-in: checks the code against the secret shown, adds it as the user's first
   * authenticator (only if they still have none, and only one sign-in at a time) or, after a
   * recovery code, as the one replacing the lost ones, and finishes the sign-in with
   * `signInWithPasscode`. A sign-in that does not finish takes the credential back; one that does
   * removes the lost authenticators (Keystone has just accepted the new one) and issues fresh
   * recovery codes. Returns what was done once signed in, the error that stopped the sign-in, or a
   * message for the form.
   */
  async function enrolmentStep<Failure extends Error>(
    raw: unknown,
    clientAddress: string,
    signInWithPasscode: (passcode: string) => Promise<Failure | null>,
  ): Promise<Failure | LoginError | { error: Message } | EnrolmentDone> {
    const pending = await pendingLogins.get();
    if (!pending?.enrol) return new LoginError("receipt_expired");
    const { userId, userName } = pending;
    const enrolment = await deps.enrolments.get(userId);
    const ticket = pending.recovering ? enrolment?.recoveryTicket : undefined;
    if (!enrolment || (pending.recovering && !ticket)) return { error: ENROLMENT_EXPIRED };
    const checked = await checkNewAuthenticatorCode(enrolment.secret, normalizePasscode(raw));
    if ("error" in checked) return checked;

    if (!(await guards.claimEnrolment(userId))) return { error: ENROLMENT_ELSEWHERE };
    let spent = false;
    let signedIn = false;
    try {
      const before = await deps.authenticators.ids(userId);
      if (before === null) return { error: ENROLMENT_UNAVAILABLE };
      if (!ticket && before.length > 0) {
        await audit({ event: "login.enrolment", userId, userName, clientAddress, outcome: "refused", reason: "already has an authenticator" });
        return { error: ALREADY_ENROLLED };
      }
      if (ticket && !(spent = await guards.spendRecoveryTicket(ticket))) return { error: RECOVERY_SPENT };
      const credentialId = await deps.authenticators.create(userId, enrolment.secret).catch((e: unknown) => {
        if (isKeystoneError(e)) return undefined;
        throw e;
      });
      if (credentialId === undefined) return { error: ENROLMENT_UNAVAILABLE };
      if (credentialId === null) return { error: ENROLMENT_NEEDS_ADMIN };
      const failure = await signInWithPasscode(checked.passcode);
      if (failure) {
        await deps.authenticators.remove(credentialId).catch(() => undefined);
        return failure;
      }
      signedIn = true;
      await deps.enrolments.clear();
      const removed = ticket ? await removeLost(before) : 0;
      const recoveryCodes = await issueRecoveryCodes(userId);
      await audit({
        event: "login.enrolment",
        userId,
        userName,
        clientAddress,
        outcome: "success",
        // A lost authenticator Keystone would not delete stays: the Security page lists it for removal.
        details: { recovery: Boolean(ticket), authenticatorsRemoved: removed, authenticatorsNotRemoved: before.length - removed, recoveryCodesIssued: recoveryCodes },
      });
      return { signedIn: true, recoveryCodes };
    } finally {
      if (spent && !signedIn) await guards.restoreRecoveryTicket(ticket!);
      await guards.releaseEnrolment(userId);
    }
  }

  return { passwordStep, passcodeStep: passcode, recoveryStep: recovery, enrolmentStep };
}

export type SignIn = ReturnType<typeof createSignIn>;

function pendingFrom(receipt: AuthReceipt, missingMethods: string[][], enrol: boolean): PendingLogin {
  return {
    receipt: receipt.receipt,
    userId: receipt.user.id,
    userName: receipt.user.name,
    domainName: receipt.user.domain.name,
    expiresAt: receipt.expiresAt,
    missingMethods,
    enrol,
  };
}
