import type { Keystone } from "@/lib/keystone";
import { isKeystoneError } from "@/lib/keystone";
import type { SessionUser } from "./session-user";

/**
 * The user's roles per project id. Keystone's default policy lets only administrators list role
 * assignments; for everybody else we know the roles of the current project, from the token.
 */
export async function rolesByProject(keystone: Keystone, user: SessionUser, admin: boolean): Promise<Map<string, string[]>> {
  const roles = new Map<string, string[]>();
  if (user.project) roles.set(user.project.id, [...user.roles].sort());
  if (!admin) return roles;
  try {
    const assignments = await keystone.users.roleAssignments(user.keystoneToken, user.id);
    for (const a of assignments) {
      const project = a.scope.project?.id;
      if (!project || project === user.project?.id) continue;
      roles.set(project, [...new Set([...(roles.get(project) ?? []), a.role.name])].sort());
    }
  } catch (e) {
    if (!isKeystoneError(e, "forbidden")) throw e;
  }
  return roles;
}
