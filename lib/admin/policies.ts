import type { SessionUser } from "@/lib/auth/session-user";
import type { Keystone } from "@/lib/keystone";
import { isServiceAccount } from "@/lib/mfa/authority";
import type { AdminDeps, AdminMfa, AdminResult } from "./mfa-admin";
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

export interface PolicyOutcome {
  results: AdminResult[];
  /** Members the policy does not apply to (the dashboard's service account), by name. */
  skipped: string[];
}

async function scopeInfo(k: Keystone, token: string, scope: PolicyScope) {
  if (scope.kind === "group") {
    const [group, members] = await Promise.all([k.identity.group(token, scope.id), k.identity.groupMembers(token, scope.id)]);
    return { name: group.name, required: group.mfa_required === true, members };
  }
  const [domain, members] = await Promise.all([k.identity.domain(token, scope.id), k.identity.users(token, { domain_id: scope.id })]);
  return { name: domain.name, required: domain.mfa_required === true, members };
}

export interface PolicyDeps extends AdminDeps {
  /** Tells every instance that a policy changed, so the sign-in checks drop the set they keep. */
  policyChanged(): Promise<void>;
}

/** Group and domain MFA policies: their coverage, and setting or clearing them. */
export function mfaPolicies(deps: PolicyDeps, admins: AdminMfa) {
  const { keystone } = deps;

  /** Members with their MFA state: compliant means a passcode is enforced and an authenticator exists. */
  async function coverage(token: string, scope: PolicyScope): Promise<Coverage> {
    const [info, credentials, domains] = await Promise.all([
      scopeInfo(keystone, token, scope),
      keystone.credentials.listAll(token, "totp"),
      keystone.identity.domains(token),
    ]);
    const members = userRows(info.members, credentials, domains).sort((a, b) => a.name.localeCompare(b.name));
    const isCompliant = (r: UserRow) => r.state === "enforced" && r.authenticators > 0;
    return { name: info.name, required: info.required, members, compliant: members.filter(isCompliant), nonCompliant: members.filter((r) => !isCompliant(r)) };
  }

  return {
    coverage,

    /**
     * Sets or clears the policy. Setting it enforces MFA on enrolled members and marks the others for
     * enrolment at their next sign-in, recorded as the policy's; the service account is skipped.
     * Members who join later are caught when they sign in.
     */
    async setPolicy(admin: Pick<SessionUser, "id" | "name" | "keystoneToken">, scope: PolicyScope, required: boolean): Promise<PolicyOutcome> {
      if (scope.kind === "group") await keystone.identity.setGroupMfaRequired(admin.keystoneToken, scope.id, required);
      else await keystone.identity.setDomainMfaRequired(admin.keystoneToken, scope.id, required);
      await deps.policyChanged();
      await deps.audit({
        event: "admin.change",
        outcome: "success",
        userId: admin.id,
        userName: admin.name,
        details: { action: required ? "require MFA" : "stop requiring MFA", targetKind: scope.kind, targetId: scope.id },
      });
      if (!required) return { results: [], skipped: [] };
      const report = await coverage(admin.keystoneToken, scope);
      const as = { by: "policy" as const, actor: `${scope.kind} ${report.name}` };
      const outcome: PolicyOutcome = { results: [], skipped: [] };
      for (const m of report.members.filter((r) => r.state !== "enforced")) {
        if (isServiceAccount(m, deps.serviceAccount)) outcome.skipped.push(m.name);
        else outcome.results.push(await admins.run(admin, "enforce", m.id, { requireEnrolment: true, as }));
      }
      return outcome;
    },
  };
}

/** A spreadsheet would run a cell that starts like a formula: such cells get a leading apostrophe. */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** CSV of a coverage report: one line per member, every cell quoted and inert in a spreadsheet. */
export function coverageCsv(report: Coverage): string {
  const cell = (v: string | number) => `"${inert(String(v)).replaceAll('"', '""')}"`;
  const lines = [["user", "domain", "enabled", "mfa", "authenticators", "compliant"].join(",")];
  for (const r of report.members) {
    const compliant = report.compliant.includes(r);
    lines.push([r.name, r.domainName, r.enabled ? "yes" : "no", r.enrolmentPending ? "enrolment pending" : r.state, r.authenticators, compliant ? "yes" : "no"].map(cell).join(","));
  }
  return `${lines.join("\n")}\n`;
}
