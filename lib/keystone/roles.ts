import type { Http } from "./http";
import type { NamedRef } from "./types";

export function rolesApi(http: Http) {
  return {
    async list(token: string, name?: string): Promise<NamedRef[]> {
      const query = name ? `?${new URLSearchParams({ name })}` : "";
      const res = await http<{ roles: NamedRef[] }>(`/roles${query}`, { token });
      return res.body.roles;
    },

    async assignOnProject(token: string, projectId: string, userId: string, roleId: string): Promise<void> {
      const path = `/projects/${encodeURIComponent(projectId)}/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(roleId)}`;
      await http(path, { method: "PUT", token });
    },
  };
}
