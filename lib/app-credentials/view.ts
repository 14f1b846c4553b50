import type { ApplicationCredential } from "@/lib/keystone";

/** An application credential as the pages show it: no secret (Keystone keeps only its hash). */
export interface ApplicationCredentialView {
  id: string;
  name: string;
  description: string;
  projectId: string | null;
  /** Null when the project could not be named (deleted, or out of the reader's sight). */
  projectName: string | null;
  /** ISO 8601 in UTC, or null for no expiry. */
  expiresAt: string | null;
  expired: boolean;
  roles: string[];
  unrestricted: boolean;
  /** "GET compute /v2.1/servers" */
  accessRules: string[];
}

/** Keystone's "2030-01-01T00:00:00.000000" (UTC, no zone) as "2030-01-01T00:00:00Z". */
const utc = (keystoneTime: string) => `${keystoneTime.slice(0, 19)}Z`;

export function toView(c: ApplicationCredential, projectNames: Map<string, string>, now: Date): ApplicationCredentialView {
  const expiresAt = c.expires_at ? utc(c.expires_at) : null;
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? "",
    projectId: c.project_id,
    projectName: (c.project_id && projectNames.get(c.project_id)) || null,
    expiresAt,
    expired: expiresAt !== null && Date.parse(expiresAt) <= now.getTime(),
    roles: c.roles.map((r) => r.name).sort(),
    unrestricted: c.unrestricted === true,
    accessRules: (c.access_rules ?? []).map((r) => `${r.method} ${r.service} ${r.path}`),
  };
}

/** Newest names first would need a creation time Keystone does not keep: by name, then. */
export const byName = (a: ApplicationCredentialView, b: ApplicationCredentialView) => a.name.localeCompare(b.name);
