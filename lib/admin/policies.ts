import "server-only";
import type { Keystone } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import type { SessionUser } from "@/lib/auth/session-user";
import { audit } from "@/lib/security/audit";
import { runAdminAction, type AdminResult } from "./mfa-admin";
import { userRows, type UserRow } from "./users";

/**
 * "Require MFA" for a group or a domain. The policy lives in Keystone itself, as the extra attribute
 * `mfa_required` on the group or domain, so the dashboard keeps no state of its own.
 */
export type PolicyScope = { kind: "group" | "domain"; id: string };

export interface Coverage {
  name: string;
  required: boolean;
  members: UserRow[];
  compliant: UserRow[];
  nonCompliant: UserRow[];
}

async function scopeInfo(k: Keystone, token: string, scope: PolicyScope) {
  if (scope.kind === "group") {
    const [group, members] = await Promise.all([k.identity.group(token, scope.id), k.identity.groupMembers(token, scope.id)]);
    return { name: group.name, required: group.mfa_required === true, members };
  }
  const [domain, members] = await Promise.all([k.identity.domain(token, scope.id), k.identity.users(token, { domain_id: scope.id })]);
  return { name: domain.name, required: domain.mfa_required === true, members };
}

/** Members with their MFA state: compliant means a passcode is enforced and an authenticator exists. */
export async function coverage(token: string, scope: PolicyScope): Promise<Coverage> {
  const k = keystone();
  const [info, credentials, domains] = await Promise.all([
    scopeInfo(k, token, scope),
    k.credentials.listAll(token, "totp"),
    k.identity.domains(token),
  ]);
  const members = userRows(info.members, credentials, domains).sort((a, b) => a.name.localeCompare(b.name));
  const isCompliant = (r: UserRow) => r.state === "enforced" && r.authenticators > 0;
  return {
    name: info.name,
    required: info.required,
    members,
    compliant: members.filter(isCompliant),
    nonCompliant: members.filter((r) => !isCompliant(r)),
  };
}

/**
 * Sets or clears the policy. Setting it enforces MFA on enrolled members and marks the others for
 * enrolment at their next sign-in; members who join later are caught when they sign in.
 */
export async function setPolicy(admin: SessionUser, scope: PolicyScope, required: boolean): Promise<AdminResult[]> {
  const k = keystone();
  if (scope.kind === "group") await k.identity.setGroupMfaRequired(admin.keystoneToken, scope.id, required);
  else await k.identity.setDomainMfaRequired(admin.keystoneToken, scope.id, required);
  await audit({
    event: "admin.change",
    outcome: "success",
    userId: admin.id,
    userName: admin.name,
    details: { action: required ? "require MFA" : "stop requiring MFA", targetKind: scope.kind, targetId: scope.id },
  });
  if (!required) return [];
  const { members } = await coverage(admin.keystoneToken, scope);
  const results: AdminResult[] = [];
  for (const m of members.filter((r) => r.state !== "enforced")) {
    results.push(await runAdminAction(admin, "enforce", m.id, { requireEnrolment: true }));
  }
  return results;
}

/** CSV of a coverage report: one line per member. */
export function coverageCsv(report: Coverage): string {
  const quote = (v: string | number) => `"${String(v).replaceAll('"', '""')}"`;
  const lines = [["user", "domain", "enabled", "mfa", "authenticators", "compliant"].join(",")];
  for (const r of report.members) {
    const compliant = report.compliant.includes(r);
    lines.push([r.name, r.domainName, r.enabled ? "yes" : "no", r.enrolmentPending ? "enrolment pending" : r.state, r.authenticators, compliant ? "yes" : "no"].map(quote).join(","));
  }
  return `${lines.join("\n")}\n`;
}
