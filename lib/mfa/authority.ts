import { z } from "zod";
import { listOf, message, type Message } from "@/lib/i18n/message";
import type { User, UserChanges } from "@/lib/keystone";
import { activeRules, isApplicationCredentialRule, requiresTotp } from "./rules";

/**
 * The one owner of MFA rules: what enforcing MFA writes, who enforced it, and who may change what.
 * Self-service, the admin panels, group and domain policies and the policy check at sign-in all
 * decide here; none of them writes MFA rules any other way.
 */

/** Who set a user's MFA rules, kept on the user in Keystone (an extra attribute), so instances stay stateless. */
export interface EnforcementRecord {
  by: "self" | "admin" | "policy";
  /** The rules written then: once they differ (changed in Keystone directly), the record no longer speaks for them. */
  rules: string[][];
  /** The administrator's name, or the policy's "group NAME" / "domain NAME". */
  actor?: string;
  at: string;
}

const recordSchema = z.object({
  by: z.enum(["self", "admin", "policy"]),
  rules: z.array(z.array(z.string())),
  actor: z.string().optional(),
  at: z.string(),
});

/** A group or domain whose policy requires MFA of its members. */
export interface PolicyCover {
  kind: "group" | "domain";
  name: string;
}

/** Who requires a passcode of this user now. */
export type Enforcer =
  | { by: "self" }
  | { by: "admin"; actor?: string }
  | { by: "policy"; covers: PolicyCover[] }
  /** A record the dashboard wrote for a policy that no longer covers the user: its name as written. */
  | { by: "policy"; actor: string }
  /** Rules the dashboard did not write, or changed since: `openstack user set`, another tool. */
  | { by: "keystone" };

export type Decision = { allowed: true } | { allowed: false; reason: Message };

const allowed: Decision = { allowed: true };
const refused = (reason: Message): Decision => ({ allowed: false, reason });

/**
 * The rules enforcing MFA writes: the user's current rules plus password + totp (no duplicate,
 * whatever the order of the methods) and, unless the operator turned it off
 * (MFA_ALLOW_APPLICATION_CREDENTIALS=false), application_credential alone: Keystone applies the
 * rules to application credentials too, and without that rule every script of the user stops
 * working. Every writer of MFA takes its rules from here.
 */
export function enforcingRules(current: string[][], allowApplicationCredentials: boolean): string[][] {
  const passwordAndTotp = (rule: string[]) => rule.length === 2 && rule.includes("password") && rule.includes("totp");
  const rules = current.some(passwordAndTotp) ? current : [...current, ["password", "totp"]];
  if (!allowApplicationCredentials || rules.some(isApplicationCredentialRule)) return rules;
  return [...rules, ["application_credential"]];
}

/**
 * The rules left when MFA is lifted: every rule that needs a passcode goes, and so does an
 * application-credential rule left alone (it would let only scripts sign in).
 */
export function liftedRules(rules: string[][]): string[][] {
  const kept = rules.filter((rule) => !rule.includes("totp"));
  return kept.every(isApplicationCredentialRule) ? [] : kept;
}

/** The change that enforces MFA on a user and records who did it. */
export function enforcement(
  user: User,
  by: EnforcementRecord["by"],
  actor: string | undefined,
  now: Date,
  allowApplicationCredentials: boolean,
): UserChanges {
  const rules = enforcingRules(user.options.multi_factor_auth_rules ?? [], allowApplicationCredentials);
  const record: EnforcementRecord = { by, rules, ...(actor ? { actor } : {}), at: now.toISOString() };
  return { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: rules }, mfa_enforced_by: record };
}

/** The change that lifts MFA: the rules that need a passcode go, and so does the record. */
export function lifting(user: User): UserChanges {
  const rules = liftedRules(user.options.multi_factor_auth_rules ?? []);
  const options = rules.length ? { multi_factor_auth_rules: rules } : { multi_factor_auth_rules: null, multi_factor_auth_enabled: null };
  return { options, mfa_enforced_by: null };
}

/**
 * The record after an administrator set these rules by hand: theirs while one needs a passcode,
 * none once no rule does.
 */
export function adminRules(rules: string[][], admin: string, now: Date): UserChanges {
  const record = rules.some((r) => r.includes("totp")) ? { by: "admin", rules, actor: admin, at: now.toISOString() } : null;
  return { options: { multi_factor_auth_rules: rules.length ? rules : null }, mfa_enforced_by: record };
}

/** The user's record, when it is one the dashboard wrote; anything else counts as none. */
function enforcementRecord(user: User): EnforcementRecord | null {
  const parsed = recordSchema.safeParse(user.mfa_enforced_by);
  return parsed.success ? parsed.data : null;
}

const sameRules = (a: string[][], b: string[][]) => {
  const key = (rules: string[][]) => rules.map((r) => [...r].sort().join("+")).sort().join(",");
  return key(a) === key(b);
};

/** True when some way Keystone lets this user in needs a passcode: MFA is on, whoever turned it on. */
export const mfaIsOn = (user: User) => activeRules(user.options).some((rule) => rule.includes("totp"));

/**
 * Who requires a passcode of this user, or null when nothing does. A policy covering the user wins
 * (it applies whatever the rules say now); then the record, but only while the rules are the ones
 * it wrote; rules nobody here wrote belong to Keystone.
 */
export function enforcerOf(user: User, policies: PolicyCover[]): Enforcer | null {
  if (policies.length > 0) return { by: "policy", covers: policies };
  if (!mfaIsOn(user)) return null;
  const record = enforcementRecord(user);
  if (!record || !sameRules(record.rules, user.options.multi_factor_auth_rules ?? [])) return { by: "keystone" };
  if (record.by === "self") return { by: "self" };
  if (record.by === "admin") return { by: "admin", actor: record.actor };
  return { by: "policy", actor: record.actor ?? "" };
}

/** "group ops", "domain Default", joined as the language joins them. */
const policyNames = (covers: PolicyCover[]) =>
  listOf(covers.map((p) => message(p.kind === "group" ? "authority.groupNamed" : "authority.domainNamed", { name: p.name })), "and");

/** Who enforced MFA, in words, with whom to ask when it is not the user's to lift. */
export function describeEnforcer(enforcer: Enforcer): Message {
  switch (enforcer.by) {
    case "self":
      return message("authority.self");
    case "admin":
      return enforcer.actor ? message("authority.adminNamed", { actor: enforcer.actor }) : message("authority.admin");
    case "policy":
      if ("covers" in enforcer) return message("authority.policy", { policies: policyNames(enforcer.covers) });
      return enforcer.actor ? message("authority.policy", { policies: enforcer.actor }) : message("authority.policyUnnamed");
    case "keystone":
      return message("authority.keystone");
  }
}

/** May the user turn MFA off? Only MFA they turned on themselves, or when nothing requires it. */
export function mayTurnOff(enforcer: Enforcer | null): Decision {
  if (enforcer === null || enforcer.by === "self") return allowed;
  return refused(message("authority.nothingChanged", { why: describeEnforcer(enforcer) }));
}

/** May the user remove one of their authenticators? Never the last one while a passcode is required. */
export function mayRemoveAuthenticator(authenticators: number, enforcer: Enforcer | null): Decision {
  if (authenticators > 1 || enforcer === null) return allowed;
  return refused(message(enforcer.by === "self" ? "authority.onlyAuthenticatorSelf" : "authority.onlyAuthenticatorAsk"));
}

/** Adding an authenticator needs a current passcode from one already registered, when there is one. */
export const addingNeedsPasscode = (authenticators: number) => authenticators > 0;

/** May an administrator enforce MFA? Not on a user without an authenticator unless they are to enrol. */
export function mayEnforce(authenticators: number, requireEnrolment: boolean): Decision {
  if (authenticators > 0 || requireEnrolment) return allowed;
  return refused(message("authority.enforceWithoutAuthenticator"));
}

/** May an administrator remove one authenticator? Never the last while the user's rules need a passcode. */
export function adminMayRemove(user: User, authenticators: number): Decision {
  if (!(requiresTotp(user.options) && authenticators === 1)) return allowed;
  return refused(message("authority.adminRemoveLast"));
}

/**
 * May an administrator leave the user with these rules? Not with rules only an application
 * credential meets: the user could no longer sign in themselves, here or anywhere.
 */
export function mayKeepRules(rules: string[][]): Decision {
  if (rules.length === 0 || !rules.every(isApplicationCredentialRule)) return allowed;
  return refused(message("authority.onlyApplicationCredentialRule"));
}

/** May an administrator add this rule? One that needs a passcode is refused while there is no authenticator. */
export function mayAddRule(rule: string[], authenticators: number): Decision {
  if (!rule.includes("totp") || authenticators > 0) return allowed;
  return refused(message("authority.ruleWithoutAuthenticator"));
}

/** The dashboard's service account, as the configuration names it. */
export interface ServiceAccountRef {
  name: string;
  domain: string;
}

/**
 * The service account is never subject to MFA: it signs in with a password alone, and a passcode
 * rule would lock it out (and with it enrolment at sign-in and the policy check). Matched by name
 * and domain name without regard to case, as Keystone's SQL backends usually match names.
 */
export function isServiceAccount(user: { name: string; domainName: string }, service: ServiceAccountRef | null): boolean {
  return service !== null && user.name.toLowerCase() === service.name.toLowerCase() && user.domainName.toLowerCase() === service.domain.toLowerCase();
}

export const SERVICE_ACCOUNT_REFUSED = message("authority.serviceAccount");
