import { message, type Message } from "@/lib/i18n/message";
import type { SessionUser } from "@/lib/auth/session-user";
import { isKeystoneError, type Keystone } from "@/lib/keystone";
import type { AuditEvent } from "@/lib/security/audit";
import { byName, toView, type ApplicationCredentialView } from "./view";

export interface AdminApplicationCredentialDeps {
  keystone: Keystone;
  audit(event: AuditEvent): Promise<void>;
  now(): Date;
}

export type Admin = Pick<SessionUser, "id" | "name" | "keystoneToken">;

/** A user's application credentials on Identity > Users > user: listed and deleted (never created: only the owner may). */
export function adminApplicationCredentials(deps: AdminApplicationCredentialDeps) {
  const { keystone } = deps;
  const api = keystone.applicationCredentials;

  /** The names of these projects; one Keystone call per distinct project, a missing one stays unnamed. */
  async function projectNames(token: string, ids: (string | null)[]): Promise<Map<string, string>> {
    const distinct = [...new Set(ids.filter((id): id is string => id !== null))];
    const named = await Promise.all(
      distinct.map((id) =>
        keystone.identity.project(token, id).then(
          (p) => [id, p.name] as const,
          (e: unknown) => {
            if (isKeystoneError(e, "not_found")) return null;
            throw e;
          },
        ),
      ),
    );
    return new Map(named.filter((n) => n !== null));
  }

  return {
    async list(admin: Admin, userId: string): Promise<ApplicationCredentialView[]> {
      const list = await api.list(admin.keystoneToken, userId);
      const names = await projectNames(admin.keystoneToken, list.map((c) => c.project_id));
      return list.map((c) => toView(c, names, deps.now())).sort(byName);
    },

    /** Deletes one of this user's credentials (scripts using it stop at once), audited; one the user does not have is never sent. */
    async remove(admin: Admin, userId: string, credentialId: string): Promise<{ message: Message } | { error: Message }> {
      const [user, list] = await Promise.all([keystone.users.get(admin.keystoneToken, userId), api.list(admin.keystoneToken, userId)]);
      const target = list.find((c) => c.id === credentialId);
      if (!target) return { error: message("appCredentials.errors.gone") };
      try {
        await api.delete(admin.keystoneToken, userId, target.id);
      } catch (e) {
        if (isKeystoneError(e, "not_found")) return { error: message("appCredentials.errors.gone") };
        throw e;
      }
      await deps.audit({
        event: "admin.change",
        outcome: "success",
        userId: admin.id,
        userName: admin.name,
        details: { action: "delete application credential", targetId: user.id, targetName: user.name, credentialId: target.id, credentialName: target.name },
      });
      return { message: message("appCredentials.adminDeleted", { name: target.name }) };
    },
  };
}
