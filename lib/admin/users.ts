import type { Message } from "@/lib/i18n/message";
import type { Credential, Domain, Keystone, User } from "@/lib/keystone";
import { shortRule } from "@/lib/mfa/methods";
import { activeRules } from "@/lib/mfa/rules";
import { mfaState, type MfaState } from "@/lib/mfa/state";

/** One line of Identity > Users. No credential secret is kept, only counts and ids. */
export interface UserRow {
  id: string;
  name: string;
  domainId: string;
  domainName: string;
  enabled: boolean;
  state: MfaState;
  authenticators: number;
  /** Each rule in a few words ("password + passcode"). */
  rules: Message[];
  /** Rules need a passcode but there is no authenticator: the user enrols at next sign-in. */
  enrolmentPending: boolean;
}

export function toUserRow(user: User, credentials: Credential[], domainName: string): UserRow {
  const state = mfaState(user.options, credentials.length);
  return {
    id: user.id,
    name: user.name,
    domainId: user.domain_id,
    domainName,
    enabled: user.enabled,
    state,
    authenticators: credentials.length,
    rules: activeRules(user.options).map(shortRule),
    enrolmentPending: state === "enforced" && credentials.length === 0,
  };
}

/**
 * Every user with their MFA state in three Keystone calls, whatever the number of users: the users,
 * every TOTP credential, the domains; grouped here.
 */
export async function listUserRows(keystone: Keystone, token: string): Promise<{ rows: UserRow[]; domains: Domain[] }> {
  const [users, credentials, domains] = await Promise.all([
    keystone.identity.users(token),
    keystone.credentials.listAll(token, "totp"),
    keystone.identity.domains(token),
  ]);
  return { rows: userRows(users, credentials, domains), domains };
}

/** Rows for these users, their credentials looked up among `credentials` (everybody's, one list). */
export function userRows(users: User[], credentials: Credential[], domains: Domain[]): UserRow[] {
  const byUser = new Map<string, Credential[]>();
  for (const c of credentials) {
    const list = byUser.get(c.user_id);
    if (list) list.push(c);
    else byUser.set(c.user_id, [c]);
  }
  const domainNames = new Map(domains.map((d) => [d.id, d.name]));
  return users.map((u) => toUserRow(u, byUser.get(u.id) ?? [], domainNames.get(u.domain_id) ?? u.domain_id));
}

export type MfaFilter = "enforced" | "registered" | "none" | "";
export type SortKey = "name" | "domain" | "mfa" | "authenticators";

export interface UserQuery {
  q: string;
  domain: string;
  mfa: MfaFilter;
  sort: SortKey;
  desc: boolean;
  page: number;
}

export const PAGE_SIZE = 25;
const stateOrder: Record<MfaState, number> = { enforced: 0, registered: 1, off: 2 };

/** Filters, sorts and cuts one page, in the server: the browser gets only that page. */
export function queryUserRows(rows: UserRow[], query: UserQuery) {
  const q = query.q.toLowerCase();
  const wanted: Record<Exclude<MfaFilter, "">, MfaState> = { enforced: "enforced", registered: "registered", none: "off" };
  const filtered = rows.filter(
    (r) =>
      (!q || r.name.toLowerCase().includes(q)) &&
      (!query.domain || r.domainId === query.domain) &&
      (!query.mfa || r.state === wanted[query.mfa]),
  );
  const key: Record<SortKey, (r: UserRow) => string | number> = {
    name: (r) => r.name.toLowerCase(),
    domain: (r) => r.domainName.toLowerCase(),
    mfa: (r) => stateOrder[r.state],
    authenticators: (r) => r.authenticators,
  };
  const by = key[query.sort];
  filtered.sort((a, b) => {
    const order = by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : a.name.localeCompare(b.name);
    return query.desc ? -order : order;
  });
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  return { total: filtered.length, page, pages, rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
}
