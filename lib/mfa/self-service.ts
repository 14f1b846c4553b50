import { message, wait, type Message } from "@/lib/i18n/message";
import type { SessionUser } from "@/lib/auth/session-user";
import { isKeystoneError, MfaRequiredError, type Keystone, type UserChanges } from "@/lib/keystone";
import type { AuditEvent } from "@/lib/security/audit";
import type { Guards } from "@/lib/security/limits";
import { normalizePasscode } from "@/lib/totp/passcode";
import { checkNewAuthenticatorCode } from "@/lib/totp/verify";
import { policiesCovering, readMfaAccount } from "./account";
import { applicationCredentialAccess, type ApplicationCredentialAccess } from "./application-credentials";
import {
  addingNeedsPasscode,
  describeEnforcer,
  enforcement,
  enforcerOf,
  lifting,
  mayRemoveAuthenticator,
  mayTurnOff,
  mfaIsOn,
  type Decision,
  type Enforcer,
  type PolicyCover,
} from "./authority";
import { MfaChangeBusy, oneChangeAtATime, type MfaLocks } from "./change-lock";
import { RecoveryCodesBusy, type RecoveryCodes, type RecoverySummary } from "./recovery";
import { rulesInWords, type MfaState } from "./state";

/** What the Security page's actions need; the real ones are wired in lib/use-cases.ts. */
export interface SelfServiceDeps {
  keystone: Keystone;
  guards: Pick<Guards, "passcodeAttempt" | "claimPasscode" | "releasePasscode"> & MfaLocks;
  /** The secret of the user's pending setup (shown as a QR code), or null when none is pending. */
  pendingSecret(userId: string): Promise<string | null>;
  clearPending(): Promise<void>;
  /** Runs `fn` with the service account's token; null when the dashboard has none. */
  asServiceAccount<T>(fn: (token: string) => Promise<T>): Promise<T | null>;
  /** The user's recovery codes, read and written with their own token. */
  recoveryCodes: Pick<RecoveryCodes, "summary" | "replace" | "voidAll">;
  /** Whether codes are offered: only with a service account, which checks them at sign-in. */
  recoveryOffered: boolean;
  audit(event: AuditEvent): Promise<void>;
  /** Enforcing MFA keeps application credentials working (MFA_ALLOW_APPLICATION_CREDENTIALS). */
  allowApplicationCredentials: boolean;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export type Caller = Pick<SessionUser, "id" | "name" | "keystoneToken" | "domain">;

/** What one self-service step did: a code for the page's message, or an error for the user. */
export type Outcome = "activated" | "registered" | "added" | "removed" | "off" | "codes";
/** With `recoveryCodes`: new codes, to be shown once. */
export type StepResult = { ok: true; outcome: Outcome; recoveryCodes?: string[] } | { ok: false; error: Message };

/** The Security page's view of the recovery codes: counts only. */
export type RecoveryStatus = { offered: false } | { offered: true; summary: RecoverySummary | null };

/** The Security page's view of the user's MFA: no secret, only ids, words and decisions. */
export interface SecurityStatus {
  state: MfaState;
  authenticatorIds: string[];
  rulesInWords: Message[];
  /** Who requires a passcode, in words, with whom to ask; null when nothing does. */
  enforcedBy: Message | null;
  turnOff: Decision;
  addingNeedsPasscode: boolean;
  recovery: RecoveryStatus;
  /** Whether Keystone still accepts the user's application credentials under their rules. */
  applicationCredentials: ApplicationCredentialAccess;
}

type Action = "turn on" | "add authenticator" | "remove authenticator" | "turn off" | "issue recovery codes" | "regenerate recovery codes" | "void recovery codes";

const fail = (error: Message): StepResult => ({ ok: false, error });
const UNAVAILABLE = message("security.errors.unavailable");
const NO_POLICY_ANSWER = message("security.errors.noPolicyAnswer");
export const RECOVERY_NOT_OFFERED = message("security.errors.recoveryNotOffered");
const PASSCODE_USED = message("security.errors.passcodeUsed");

export function selfServiceMfa(deps: SelfServiceDeps) {
  const { keystone, guards } = deps;
  const oneAtATime = oneChangeAtATime(guards, deps);

  async function record(user: Caller, action: Action, outcome: AuditEvent["outcome"], before: MfaState, after: MfaState, reason?: string) {
    await deps.audit({ event: "mfa.change", outcome, userId: user.id, userName: user.name, reason, details: { action, mfaBefore: before, mfaAfter: after } });
  }

  /**
   * The policies covering the user, read with their own token (a user may read their groups and
   * domain), else the service account's; null when neither could answer.
   */
  async function policies(user: Caller): Promise<PolicyCover[] | null> {
    const whose = { id: user.id, domain_id: user.domain.id };
    try {
      return await policiesCovering(keystone, user.keystoneToken, whose);
    } catch (e) {
      if (!isKeystoneError(e, "forbidden")) throw e;
    }
    return deps.asServiceAccount((service) => policiesCovering(keystone, service, whose));
  }

  /** The account with who enforces it and whether the user may lift it. */
  async function situation(user: Caller) {
    const [account, covering] = await Promise.all([readMfaAccount(keystone, user.keystoneToken, user.id), policies(user)]);
    const enforcer: Enforcer | null = enforcerOf(account.user, covering ?? []);
    const turnOff = covering === null && mayTurnOff(enforcer).allowed ? { allowed: false as const, reason: NO_POLICY_ANSWER } : mayTurnOff(enforcer);
    return { account, enforcer, turnOff };
  }

  /**
   * Asks Keystone whether a passcode is right for the user right now: a TOTP-only authentication
   * that either issues a token (no rules; revoked at once) or a receipt that lists totp as done.
   */
  async function keystoneAccepts(userId: string, passcode: string): Promise<boolean> {
    try {
      const { token } = await keystone.auth.totp({ userId, passcode });
      await keystone.auth.revoke(token).catch(() => undefined);
      return true;
    } catch (e) {
      if (e instanceof MfaRequiredError) return e.details.methodsDone.includes("totp");
      if (isKeystoneError(e, "bad_credentials")) return false;
      throw e;
    }
  }

  /**
   * A passcode the user typed to confirm a change: six digits, not used before, accepted by Keystone,
   * within the same wrong-passcode limit as the sign-in (a stolen session cannot guess its way in).
   * Null when it is right, else why not.
   */
  async function confirmPasscode(userId: string, raw: unknown): Promise<Message | null> {
    const passcode = normalizePasscode(raw);
    if (!passcode) return message("login.errors.passcode_format");
    const attempt = await guards.passcodeAttempt(userId);
    if (!attempt.allowed) return message("security.errors.tooManyPasscodes", { wait: wait(attempt.retryAfter) });
    if (!(await guards.claimPasscode(userId, passcode))) {
      await attempt.giveBack();
      return PASSCODE_USED;
    }
    let accepted: boolean;
    try {
      accepted = await keystoneAccepts(userId, passcode);
    } catch (e) {
      await Promise.all([attempt.giveBack(), guards.releasePasscode(userId, passcode)]);
      throw e;
    }
    if (accepted) {
      await attempt.giveBack();
      return null;
    }
    await guards.releasePasscode(userId, passcode);
    return message("security.errors.wrongPasscode", { count: attempt.attemptsLeft });
  }

  /** Writes a change of the user's own MFA: with their own token where policy allows, else the service account's. */
  async function updateSelf(user: Caller, changes: UserChanges): Promise<boolean> {
    try {
      await keystone.users.update(user.keystoneToken, user.id, changes);
      return true;
    } catch (e) {
      if (!isKeystoneError(e, "forbidden")) throw e;
    }
    return (await deps.asServiceAccount((service) => keystone.users.update(service, user.id, changes))) !== null;
  }

  /** Runs a step, turning Keystone's failures into the one message the page shows. */
  async function step(run: () => Promise<StepResult>): Promise<StepResult> {
    try {
      return await run();
    } catch (e) {
      if (isKeystoneError(e) || e instanceof RecoveryCodesBusy || e instanceof MfaChangeBusy) return fail(UNAVAILABLE);
      throw e;
    }
  }

  /** A step that changes the user's MFA: the one change of theirs under way (lib/mfa/change-lock.ts). */
  const change = (user: Caller, run: () => Promise<StepResult>) => step(() => oneAtATime(user.id, run));

  /** A first set of codes once MFA is on; none (the page then offers to make them) when Keystone failed. */
  async function firstRecoveryCodes(user: Caller): Promise<string[] | undefined> {
    if (!deps.recoveryOffered) return undefined;
    try {
      const codes = await deps.recoveryCodes.replace(user.keystoneToken, user.id);
      await record(user, "issue recovery codes", "success", "enforced", "enforced");
      return codes;
    } catch (e) {
      if (!isKeystoneError(e) && !(e instanceof RecoveryCodesBusy)) throw e;
      await record(user, "issue recovery codes", "failure", "enforced", "enforced", "Keystone refused or was unavailable");
      return undefined;
    }
  }

  return {
    confirmPasscode,

    async status(user: Caller): Promise<SecurityStatus> {
      const [{ account, enforcer, turnOff }, summary] = await Promise.all([
        situation(user),
        deps.recoveryOffered ? deps.recoveryCodes.summary(user.keystoneToken, user.id) : null,
      ]);
      return {
        state: account.state,
        authenticatorIds: account.credentialIds,
        rulesInWords: rulesInWords(account.user.options),
        enforcedBy: enforcer && describeEnforcer(enforcer),
        turnOff,
        addingNeedsPasscode: addingNeedsPasscode(account.credentialIds.length),
        recovery: deps.recoveryOffered ? { offered: true, summary } : { offered: false },
        applicationCredentials: applicationCredentialAccess(account.user.options, "self", deps.allowApplicationCredentials),
      };
    },

    /**
     * Activates the pending authenticator: checks its code as Keystone will and, when the user already
     * has one, a current passcode from it; stores the credential with the user's own token, proves
     * Keystone accepts it, then turns MFA on (recorded as the user's own) unless it already is.
     */
    activate(user: Caller, input: { passcode?: string; currentPasscode?: string }): Promise<StepResult> {
      return change(user, async () => {
        const secret = await deps.pendingSecret(user.id);
        if (!secret) return fail(message("security.errors.setupExpired"));
        const checked = await checkNewAuthenticatorCode(secret, normalizePasscode(input.passcode));
        if ("error" in checked) return fail(checked.error);
        const { passcode } = checked;

        const account = await readMfaAccount(keystone, user.keystoneToken, user.id);
        const action: Action = account.credentialIds.length ? "add authenticator" : "turn on";
        if (addingNeedsPasscode(account.credentialIds.length)) {
          if (!normalizePasscode(input.currentPasscode)) {
            await record(user, action, "refused", account.state, account.state, "no current passcode");
            return fail(message("security.errors.currentPasscodeNeeded"));
          }
          const refused = await confirmPasscode(user.id, input.currentPasscode);
          if (refused) {
            await record(user, action, "failure", account.state, account.state, "current passcode refused");
            return fail(refused);
          }
        }
        // Also stops a double submit: the second request finds the code taken and creates nothing.
        if (!(await guards.claimPasscode(user.id, passcode))) return fail(PASSCODE_USED);
        try {
          const credential = await keystone.credentials.create(user.keystoneToken, user.id, "totp", secret);
          if (!(await keystoneAccepts(user.id, passcode))) {
            await keystone.credentials.delete(user.keystoneToken, credential.id);
            return fail(message("security.errors.notAccepted"));
          }
          await deps.clearPending();
          const enforced = mfaIsOn(account.user) || (await updateSelf(user, enforcement(account.user, "self", undefined, deps.now(), deps.allowApplicationCredentials)));
          await record(user, action, "success", account.state, enforced ? "enforced" : "registered");
          // The first authenticator of an account whose MFA is on comes with recovery codes.
          const recoveryCodes = enforced && action === "turn on" ? await firstRecoveryCodes(user) : undefined;
          const outcome: Outcome = mfaIsOn(account.user) ? "added" : enforced ? "activated" : "registered";
          return { ok: true, outcome, ...(recoveryCodes ? { recoveryCodes } : {}) };
        } catch (e) {
          await guards.releasePasscode(user.id, passcode);
          throw e;
        }
      });
    },

    /** Removes one authenticator after a current passcode; never the last one while MFA is on. */
    remove(user: Caller, input: { credentialId: string; passcode?: string }): Promise<StepResult> {
      return change(user, async () => {
        const { account, enforcer } = await situation(user);
        if (!account.credentialIds.includes(input.credentialId)) return fail(message("security.errors.authenticatorGone"));
        const decision = mayRemoveAuthenticator(account.credentialIds.length, enforcer);
        if (!decision.allowed) {
          await record(user, "remove authenticator", "refused", account.state, account.state, "last authenticator");
          return fail(decision.reason);
        }
        const refused = await confirmPasscode(user.id, input.passcode);
        if (refused) {
          await record(user, "remove authenticator", "failure", account.state, account.state, "passcode refused");
          return fail(refused);
        }
        await keystone.credentials.delete(user.keystoneToken, input.credentialId);
        await record(user, "remove authenticator", "success", account.state, account.credentialIds.length > 1 ? account.state : "off");
        return { ok: true, outcome: "removed" };
      });
    },

    /**
     * Turns MFA off after a current passcode, when it is the user's to lift: the rules go first, then
     * the authenticators, so no order of failures locks the user out.
     */
    turnOff(user: Caller, input: { passcode?: string }): Promise<StepResult> {
      return change(user, async () => {
        const { account, enforcer, turnOff } = await situation(user);
        if (!turnOff.allowed) {
          await record(user, "turn off", "refused", account.state, account.state, enforcer?.by ?? "policy not checked");
          return fail(turnOff.reason);
        }
        if (account.credentialIds.length === 0 && enforcer === null) return fail(message("security.errors.alreadyOff"));
        const refused = await confirmPasscode(user.id, input.passcode);
        if (refused) {
          await record(user, "turn off", "failure", account.state, account.state, "passcode refused");
          return fail(refused);
        }
        if (enforcer !== null && !(await updateSelf(user, lifting(account.user)))) {
          return fail(message("security.errors.adminOnly"));
        }
        for (const id of account.credentialIds) await keystone.credentials.delete(user.keystoneToken, id);
        await record(user, "turn off", "success", account.state, "off");
        // Without an authenticator to stand in for, recovery codes would only be a way in.
        if ((await deps.recoveryCodes.voidAll(user.keystoneToken, user.id)) > 0) await record(user, "void recovery codes", "success", "off", "off");
        return { ok: true, outcome: "off" };
      });
    },

    /** A new set of recovery codes after a current passcode; the old set stops working. */
    regenerateRecoveryCodes(user: Caller, input: { passcode?: string }): Promise<StepResult> {
      return step(async () => {
        if (!deps.recoveryOffered) return fail(RECOVERY_NOT_OFFERED);
        const account = await readMfaAccount(keystone, user.keystoneToken, user.id);
        if (account.credentialIds.length === 0) return fail(message("security.errors.recoveryNeedsAuthenticator"));
        const refused = await confirmPasscode(user.id, input.passcode);
        if (refused) {
          await record(user, "regenerate recovery codes", "failure", account.state, account.state, "passcode refused");
          return fail(refused);
        }
        const recoveryCodes = await deps.recoveryCodes.replace(user.keystoneToken, user.id);
        await record(user, "regenerate recovery codes", "success", account.state, account.state);
        return { ok: true, outcome: "codes", recoveryCodes };
      });
    },
  };
}
