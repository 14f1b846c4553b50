import type { Keystone } from "@/lib/keystone";
import type { PolicyCover } from "./authority";

/**
 * The groups and domains whose policy requires MFA (`mfa_required` in Keystone), by id: what the
 * policy check at sign-in compares a user against. Listing them costs two Keystone calls, so the
 * answer is kept for a few seconds and dropped as soon as the policy version changes (an
 * administrator set or cleared a policy through any instance: the version lives in the security
 * store, which instances share).
 */
export interface MfaPolicySet {
  domains: Map<string, string>;
  groups: Map<string, string>;
}

export const POLICY_SET_SECONDS = 10;

export async function loadPolicySet(keystone: Keystone, token: string): Promise<MfaPolicySet> {
  const [domains, groups] = await Promise.all([keystone.identity.domains(token), keystone.identity.groups(token)]);
  const required = (items: { id: string; name: string; mfa_required?: boolean | null }[]) =>
    new Map(items.filter((i) => i.mfa_required === true).map((i) => [i.id, i.name]));
  return { domains: required(domains), groups: required(groups) };
}

export interface PolicySetCache {
  /** The set, loaded again when older than POLICY_SET_SECONDS or when the version moved. */
  get(load: () => Promise<MfaPolicySet>): Promise<MfaPolicySet>;
}

/**
 * `version` reads the shared policy version; a set is kept with the version read before it was
 * loaded, so a change made while it loads is seen at the next check.
 */
export function policySetCache(version: () => Promise<number>, now: () => number = Date.now): PolicySetCache {
  let kept: { set: Promise<MfaPolicySet>; version: number; loadedAt: number } | undefined;
  return {
    async get(load) {
      const current = await version();
      if (kept && kept.version === current && now() - kept.loadedAt < POLICY_SET_SECONDS * 1000) return kept.set;
      // Sign-ins arriving together share one load; a failed load is not kept.
      const entry = { set: load(), version: current, loadedAt: now() };
      kept = entry;
      entry.set.catch(() => {
        if (kept === entry) kept = undefined;
      });
      return entry.set;
    },
  };
}

/**
 * The policies covering a user: their domain's, and those of their groups (asked of Keystone only
 * when some group requires MFA, as group membership changes at any time).
 */
export async function policiesCoveringUser(set: MfaPolicySet, domainId: string, userGroupIds: () => Promise<string[]>): Promise<PolicyCover[]> {
  const covers: PolicyCover[] = [];
  const domain = set.domains.get(domainId);
  if (domain !== undefined) covers.push({ kind: "domain", name: domain });
  if (set.groups.size === 0) return covers;
  for (const id of await userGroupIds()) {
    const group = set.groups.get(id);
    if (group !== undefined) covers.push({ kind: "group", name: group });
  }
  return covers;
}
