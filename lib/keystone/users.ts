import type { Http } from "./http";
import type { Project, RoleAssignment, User, UserOptions } from "./types";

export interface NewUser {
  name: string;
  domain_id: string;
  password?: string;
  enabled?: boolean;
  email?: string;
  description?: string;
  default_project_id?: string;
  options?: UserOptions;
}

export type UserChanges = Partial<Omit<NewUser, "options">> & { options?: Record<string, unknown>; mfa_enforced_by?: unknown };

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

export function usersApi(http: Http) {
  return {
    /** Needs no token, so it also works for a user whose password has expired. Revokes their tokens. */
    async changePassword(userId: string, originalPassword: string, password: string): Promise<void> {
      await http(`${userPath(userId)}/password`, {
        method: "POST",
        body: { user: { original_password: originalPassword, password } },
        authenticating: true,
      });
    },

    async get(token: string, userId: string): Promise<User> {
      const res = await http<{ user: User }>(userPath(userId), { token });
      return res.body.user;
    },

    async create(token: string, user: NewUser): Promise<User> {
      const res = await http<{ user: User }>("/users", { method: "POST", token, body: { user } });
      return res.body.user;
    },

    /** Partial update; `options` merge in Keystone, and a null option is deleted. Extra attributes are kept as given. */
    async update(token: string, userId: string, changes: UserChanges): Promise<User> {
      const res = await http<{ user: User }>(userPath(userId), { method: "PATCH", token, body: { user: changes } });
      return res.body.user;
    },

    async delete(token: string, userId: string): Promise<void> {
      await http(userPath(userId), { method: "DELETE", token });
    },

    async projects(token: string, userId: string): Promise<Project[]> {
      const res = await http<{ projects: Project[] }>(`${userPath(userId)}/projects`, { token });
      return res.body.projects;
    },

    /** Effective role assignments of a user, with names. Needs a token allowed to list assignments. */
    async roleAssignments(token: string, userId: string): Promise<RoleAssignment[]> {
      const query = new URLSearchParams({ "user.id": userId, effective: "", include_names: "" });
      const res = await http<{ role_assignments: RoleAssignment[] }>(`/role_assignments?${query}`, { token });
      return res.body.role_assignments;
    },
  };
}
