import type { Http } from "./http";
import type { Project, RoleAssignment, User } from "./types";

export function usersApi(http: Http) {
  return {
    /** Needs no token, so it also works for a user whose password has expired. Revokes their tokens. */
    async changePassword(userId: string, originalPassword: string, password: string): Promise<void> {
      await http(`/users/${encodeURIComponent(userId)}/password`, {
        method: "POST",
        body: { user: { original_password: originalPassword, password } },
        authenticating: true,
      });
    },

    async get(token: string, userId: string): Promise<User> {
      const res = await http<{ user: User }>(`/users/${encodeURIComponent(userId)}`, { token });
      return res.body.user;
    },

    async projects(token: string, userId: string): Promise<Project[]> {
      const res = await http<{ projects: Project[] }>(`/users/${encodeURIComponent(userId)}/projects`, { token });
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
