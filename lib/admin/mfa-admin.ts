import { message, type Message } from "@/lib/i18n/message";
import type { SessionUser } from "@/lib/auth/session-user";
import { isKeystoneError, type Keystone } from "@/lib/keystone";
import { readMfaAccount, type MfaAccount as Target } from "@/lib/mfa/account";
import {
  adminMayRemove,
  adminRules,
  enforcement,
  isServiceAccount,
  mayAddRule,
  mayEnforce,
  mayKeepRules,
  SERVICE_ACCOUNT_REFUSED,
  type EnforcementRecord,
  type ServiceAccountRef,
} from "@/lib/mfa/authority";
import { MfaChangeBusy, oneChangeAtATime, type MfaLocks } from "@/lib/mfa/change-lock";
import { RecoveryCodesBusy, type RecoveryCodes } from "@/lib/mfa/recovery";
import type { AuditEvent } from "@/lib/security/audit";

/** What the admin MFA use cases need; the real ones are wired in lib/use-cases.ts. */
export interface AdminDeps {
  keystone: Keystone;
  audit(event: AuditEvent): Promise<void>;
  /** The dashboard's service account, never given MFA; null when there is none. */
  serviceAccount: ServiceAccountRef | null;
  /** The users' recovery codes, voided by a reset (with the administrator's token). */
  recoveryCodes: Pick<RecoveryCodes, "voidAll">;
  /** Enforcing MFA keeps application credentials working (MFA_ALLOW_APPLICATION_CREDENTIALS). */
  allowApplicationCredentials: boolean;
  /** One change of a user's MFA at a time, on every instance. */
  mfaLocks: MfaLocks;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export type Admin = Pick<SessionUser, "id" | "name" | "keystoneToken">;
export type AdminAction = "enforce" | "disable" | "reset";

export interface AdminResult {
  userId: string;
  userName: string;
  ok: boolean;
  /** What happened, or why nothing did. */
  message: Message;
}

/** Who an enforcement is recorded as: the administrator, or the policy they applied. */
export type EnforcedAs = { by: Extract<EnforcementRecord["by"], "admin" | "policy">; actor: string };

type Detail = { message?: Message; error?: Message };
type Done = { message: Message; details?: Record<string, number> };

/** Keystone's kind of refusal, as its code ("forbidden", "unavailable"), inside our sentence. */
const refusedChange = (kind: string) => message("admin.results.refused", { kind });

const sameRule = (a: string[], b: string[]) => a.length === b.length && a.every((m) => b.includes(m));

/** Enforce, disable and reset MFA, and the user page's authenticator and rule changes, each audited. */
export function adminMfa(deps: AdminDeps) {
  const { keystone } = deps;
  const domainNames = new Map<string, string>();
  const oneAtATime = oneChangeAtATime(deps.mfaLocks, deps);

  /** `change` as the one change of the user's MFA under way; `busy` when another held the lock too long. */
  async function serially<T>(userId: string, busy: T, change: () => Promise<T>): Promise<T> {
    try {
      return await oneAtATime(userId, change);
    } catch (e) {
      if (e instanceof MfaChangeBusy) return busy;
      throw e;
    }
  }

  async function isService(admin: Admin, target: Target): Promise<boolean> {
    // The name first: the domain's name is asked of Keystone only for a user who could be it.
    if (!deps.serviceAccount || target.user.name.toLowerCase() !== deps.serviceAccount.name.toLowerCase()) return false;
    const domainId = target.user.domain_id;
    if (!domainNames.has(domainId)) domainNames.set(domainId, (await keystone.identity.domain(admin.keystoneToken, domainId)).name);
    return isServiceAccount({ name: target.user.name, domainName: domainNames.get(domainId)! }, deps.serviceAccount);
  }

  async function auditChange(admin: Admin, action: string, before: Target, after: Target | null, refusal: string | null, extra: Record<string, number> = {}) {
    await deps.audit({
      event: "admin.change",
      outcome: refusal ? "refused" : "success",
      userId: admin.id,
      userName: admin.name,
      reason: refusal ?? undefined,
      details: { action, targetId: before.user.id, targetName: before.user.name, mfaBefore: before.state, mfaAfter: after?.state ?? before.state, ...extra },
    });
  }

  /** Enforces password + totp, recorded as `as`; the service account and the lockout guard may refuse first. */
  async function enforce(admin: Admin, t: Target, requireEnrolment: boolean, as: EnforcedAs): Promise<{ message: Message } | { refused: Message; reason: string }> {
    if (await isService(admin, t)) return { refused: SERVICE_ACCOUNT_REFUSED, reason: "service account" };
    const decision = mayEnforce(t.credentialIds.length, requireEnrolment);
    if (!decision.allowed) return { refused: decision.reason, reason: "lockout guard" };
    await keystone.users.update(admin.keystoneToken, t.user.id, enforcement(t.user, as.by, as.actor, deps.now(), deps.allowApplicationCredentials));
    return { message: message(t.credentialIds.length ? "admin.results.enforced" : "admin.results.enrolmentRequired") };
  }

  /** Keeps the rules but switches them off, so password alone signs in again. */
  async function disable(admin: Admin, t: Target) {
    await keystone.users.update(admin.keystoneToken, t.user.id, { options: { multi_factor_auth_enabled: false } });
    return { message: message("admin.results.disabled") };
  }

  /** Removes the rules (and the record of who set them) first, then every authenticator, then the recovery codes. */
  async function reset(admin: Admin, t: Target): Promise<Done> {
    await keystone.users.update(admin.keystoneToken, t.user.id, {
      options: { multi_factor_auth_rules: null, multi_factor_auth_enabled: null },
      mfa_enforced_by: null,
    });
    for (const id of t.credentialIds) await keystone.credentials.delete(admin.keystoneToken, id);
    const voided = await deps.recoveryCodes.voidAll(admin.keystoneToken, t.user.id);
    return {
      message: message(voided > 0 ? "admin.results.resetWithCodes" : "admin.results.reset", { count: t.credentialIds.length }),
      details: { recoveryCodeSetsVoided: voided },
    };
  }

  return {
    /** Runs one MFA action on one user with the administrator's own token, and audits it. */
    run(
      admin: Admin,
      action: AdminAction,
      userId: string,
      options: { requireEnrolment?: boolean; as?: EnforcedAs } = {},
    ): Promise<AdminResult> {
      return serially(userId, { userId, userName: userId, ok: false, message: refusedChange("unavailable") }, async () => {
        let target: Target;
        try {
          target = await readMfaAccount(keystone, admin.keystoneToken, userId);
        } catch (e) {
          if (isKeystoneError(e)) return { userId, userName: userId, ok: false, message: message("admin.results.unreadable") };
          throw e;
        }
        const base = { userId, userName: target.user.name };
        let outcome: Done | { refused: Message; reason: string };
        try {
          outcome =
            action === "enforce" ? await enforce(admin, target, options.requireEnrolment ?? false, options.as ?? { by: "admin", actor: admin.name })
            : action === "disable" ? await disable(admin, target)
            : await reset(admin, target);
        } catch (e) {
          // The recovery codes busy for longer than a request waits: as Keystone being unavailable.
          const kind = e instanceof RecoveryCodesBusy ? "unavailable" : isKeystoneError(e) ? e.kind : null;
          if (kind === null) throw e;
          await auditChange(admin, action, target, null, kind);
          return { ...base, ok: false, message: refusedChange(kind) };
        }
        if ("refused" in outcome) {
          await auditChange(admin, action, target, null, outcome.reason);
          return { ...base, ok: false, message: outcome.refused };
        }
        const after = await readMfaAccount(keystone, admin.keystoneToken, userId).catch(() => null);
        await auditChange(admin, action, target, after, null, outcome.details);
        return { ...base, ok: true, message: outcome.message };
      });
    },

    /** Removes one authenticator; never the last one while the user's rules need a passcode. */
    removeAuthenticator(admin: Admin, userId: string, credentialId: string): Promise<Detail> {
      return serially(userId, { error: refusedChange("unavailable") }, async () => {
        try {
          const before = await readMfaAccount(keystone, admin.keystoneToken, userId);
          if (!before.credentialIds.includes(credentialId)) return { error: message("security.errors.authenticatorGone") };
          const decision = adminMayRemove(before.user, before.credentialIds.length);
          if (!decision.allowed) {
            await auditChange(admin, "remove authenticator", before, null, "lockout guard");
            return { error: decision.reason };
          }
          await keystone.credentials.delete(admin.keystoneToken, credentialId);
          await auditChange(admin, "remove authenticator", before, await readMfaAccount(keystone, admin.keystoneToken, userId), null);
          return { message: message("admin.results.authenticatorRemoved") };
        } catch (e) {
          if (isKeystoneError(e)) return { error: refusedChange(e.kind) };
          throw e;
        }
      });
    },

    /** Adds or removes one rule. A rule that needs a passcode is refused while the user has no authenticator. */
    editRules(admin: Admin, userId: string, change: { add: string[] } | { remove: number }): Promise<Detail> {
      return serially(userId, { error: refusedChange("unavailable") }, async () => {
        try {
          const before = await readMfaAccount(keystone, admin.keystoneToken, userId);
          const current = before.user.options.multi_factor_auth_rules ?? [];
          let rules: string[][];
          if ("add" in change) {
            if (current.some((r) => sameRule(r, change.add))) return { error: message("admin.results.ruleExists") };
            if (change.add.includes("totp") && (await isService(admin, before))) {
              await auditChange(admin, "add rule", before, null, "service account");
              return { error: SERVICE_ACCOUNT_REFUSED };
            }
            const decision = mayAddRule(change.add, before.credentialIds.length);
            if (!decision.allowed) {
              await auditChange(admin, "add rule", before, null, "lockout guard");
              return { error: decision.reason };
            }
            rules = [...current, change.add];
          } else {
            if (!(Number.isInteger(change.remove) && change.remove >= 0 && change.remove < current.length)) return { error: message("admin.results.ruleGone") };
            rules = current.filter((_, i) => i !== change.remove);
          }
          const kept = mayKeepRules(rules);
          if (!kept.allowed) {
            await auditChange(admin, "add" in change ? "add rule" : "remove rule", before, null, "lockout guard");
            return { error: kept.reason };
          }
          await keystone.users.update(admin.keystoneToken, userId, adminRules(rules, admin.name, deps.now()));
          await auditChange(admin, "add" in change ? "add rule" : "remove rule", before, await readMfaAccount(keystone, admin.keystoneToken, userId), null);
          return { message: message("admin.results.rulesSaved") };
        } catch (e) {
          if (isKeystoneError(e, "validation")) return { error: message("admin.results.rulesRefused", { reason: e.message }) };
          if (isKeystoneError(e)) return { error: refusedChange(e.kind) };
          throw e;
        }
      });
    },
  };
}

export type AdminMfa = ReturnType<typeof adminMfa>;
