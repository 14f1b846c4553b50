import type { Http } from "./http";
import type { Project, RoleAssignment, User } from "./types";

/** Domains, projects and groups. Groups and domains may carry the dashboard's `mfa_required` extra. */
export interface Domain {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  mfa_required?: boolean | null;
}

export interface Group {
  id: string;
  name: string;
  domain_id: string;
  description?: string;
  mfa_required?: boolean | null;
}

const path = (...parts: string[]) => `/${parts.map(encodeURIComponent).join("/")}`;

export function identityApi(http: Http) {
  const list = async <T>(collection: string, token: string, query: Record<string, string> = {}): Promise<T[]> => {
    const qs = new URLSearchParams(query).toString();
    const res = await http<Record<string, T[]>>(`/${collection}${qs ? `?${qs}` : ""}`, { token });
    return res.body[collection];
  };

  return {
    domains: (token: string) => list<Domain>("domains", token),
    projects: (token: string, query: Record<string, string> = {}) => list<Project>("projects", token, query),
    groups: (token: string, query: Record<string, string> = {}) => list<Group>("groups", token, query),
    /** Every user (Keystone does not page by default), options included. */
    users: (token: string, query: Record<string, string> = {}) => list<User>("users", token, query),

    /** Every project role assignment with names, for the Projects table in one call. */
    async projectAssignments(token: string): Promise<RoleAssignment[]> {
      const res = await http<{ role_assignments: RoleAssignment[] }>("/role_assignments?include_names", { token });
      return res.body.role_assignments.filter((a) => a.scope.project);
    },

    async group(token: string, id: string): Promise<Group> {
      return (await http<{ group: Group }>(path("groups", id), { token })).body.group;
    },
    async project(token: string, id: string): Promise<Project> {
      return (await http<{ project: Project }>(path("projects", id), { token })).body.project;
    },
    async domain(token: string, id: string): Promise<Domain> {
      return (await http<{ domain: Domain }>(path("domains", id), { token })).body.domain;
    },
    async groupMembers(token: string, groupId: string): Promise<User[]> {
      return (await http<{ users: User[] }>(path("groups", groupId, "users"), { token })).body.users;
    },
    async userGroups(token: string, userId: string): Promise<Group[]> {
      return (await http<{ groups: Group[] }>(path("users", userId, "groups"), { token })).body.groups;
    },
    async addGroupMember(token: string, groupId: string, userId: string): Promise<void> {
      await http(path("groups", groupId, "users", userId), { method: "PUT", token });
    },
    /** Sets or clears the dashboard's MFA policy, kept in Keystone as an extra attribute. */
    async setGroupMfaRequired(token: string, groupId: string, required: boolean): Promise<Group> {
      const body = { group: { mfa_required: required || null } };
      return (await http<{ group: Group }>(path("groups", groupId), { method: "PATCH", token, body })).body.group;
    },
    async setDomainMfaRequired(token: string, domainId: string, required: boolean): Promise<Domain> {
      const body = { domain: { mfa_required: required || null } };
      return (await http<{ domain: Domain }>(path("domains", domainId), { method: "PATCH", token, body })).body.domain;
    },
  };
}
