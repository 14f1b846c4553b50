import "server-only";
import type { CliProfile } from "@/lib/clouds";
import { config } from "@/lib/config";
import { keystone } from "@/lib/keystone-server";
import { requiresTotp } from "@/lib/mfa/rules";
import type { SessionUser } from "@/lib/auth/session-user";

/** The CLI profile of the signed-in user; MFA comes from the user's own record in Keystone. */
export async function cliProfile(user: SessionUser): Promise<CliProfile> {
  const record = await keystone().users.get(user.keystoneToken, user.id);
  return {
    cloudName: "openstack",
    authUrl: config().KEYSTONE_URL,
    username: user.name,
    userDomain: user.domain.name,
    project: user.project,
    mfa: requiresTotp(record.options),
  };
}
