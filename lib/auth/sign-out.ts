import { isKeystoneError, type Keystone } from "@/lib/keystone";
import type { AuditEvent } from "@/lib/security/audit";
import type { SessionUser } from "./session-user";

/**
 * What every sign-out does, whichever way it came (the account menu, a session whose token Keystone
 * rejected, a password change): revoke the Keystone token and write one audit line. A token that
 * cannot be revoked (already invalid, Keystone down) never keeps the session alive.
 */
export async function endKeystoneSession(
  user: Pick<SessionUser, "id" | "name" | "keystoneToken">,
  clientAddress: string,
  { keystone, audit }: { keystone: Pick<Keystone, "auth">; audit: (event: AuditEvent) => Promise<void> },
): Promise<void> {
  let reason = "token revoked";
  try {
    await keystone.auth.revoke(user.keystoneToken);
  } catch (e) {
    const invalid = isKeystoneError(e, "unauthorized") || isKeystoneError(e, "not_found");
    reason = invalid ? "token no longer valid" : "token could not be revoked";
  }
  await audit({ event: "logout", userId: user.id, userName: user.name, clientAddress, outcome: "success", reason });
}
