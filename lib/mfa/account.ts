import type { Keystone, User } from "@/lib/keystone";
import type { PolicyCover } from "./authority";
import { mfaState, type MfaState } from "./state";

/** A user's MFA as Keystone reports it to a token: the record, authenticator ids (never secrets), state. */
export interface MfaAccount {
  user: User;
  credentialIds: string[];
  state: MfaState;
}

export async function readMfaAccount(keystone: Keystone, token: string, userId: string): Promise<MfaAccount> {
  const [user, credentials] = await Promise.all([keystone.users.get(token, userId), keystone.credentials.list(token, userId, "totp")]);
  return { user, credentialIds: credentials.map((c) => c.id), state: mfaState(user.options, credentials.length) };
}

/**
 * The groups and the domain of a user whose policy requires MFA (kept in Keystone as `mfa_required`),
 * asked of Keystone now. For decisions about lifting a user's MFA, which must not rest on the
 * seconds-old set the sign-in check keeps (policy-set.ts).
 */
export async function policiesCovering(keystone: Keystone, token: string, user: Pick<User, "id" | "domain_id">): Promise<PolicyCover[]> {
  const [groups, domain] = await Promise.all([keystone.identity.userGroups(token, user.id), keystone.identity.domain(token, user.domain_id)]);
  return [
    ...(domain.mfa_required ? [{ kind: "domain" as const, name: domain.name }] : []),
    ...groups.filter((g) => g.mfa_required).map((g) => ({ kind: "group" as const, name: g.name })),
  ];
}
