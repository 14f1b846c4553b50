import "server-only";
import type { User } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import { mfaState, type MfaState } from "./state";

/** A user's MFA as Keystone reports it to a token: the record, authenticator ids (never secrets), state. */
export interface MfaAccount {
  user: User;
  credentialIds: string[];
  state: MfaState;
}

export async function readMfaAccount(token: string, userId: string): Promise<MfaAccount> {
  const [user, credentials] = await Promise.all([
    keystone().users.get(token, userId),
    keystone().credentials.list(token, userId, "totp"),
  ]);
  return { user, credentialIds: credentials.map((c) => c.id), state: mfaState(user.options, credentials.length) };
}
