import { describe, expect, it } from "vitest";
import { POLICY_SET_SECONDS, policiesCoveringUser, policySetCache, type MfaPolicySet } from "@/lib/mfa/policy-set";

const set = (domains: [string, string][], groups: [string, string][]): MfaPolicySet => ({ domains: new Map(domains), groups: new Map(groups) });

describe("the cached set of policies requiring MFA", () => {
  it("is loaded once for concurrent sign-ins, again after a change of version, and not kept when loading failed", async () => {
    let version = 1;
    let loads = 0;
    const cache = policySetCache(async () => version, () => 0);
    const load = async () => {
      loads++;
      if (loads === 2) throw new Error("Keystone unavailable");
      return set([], []);
    };
    await Promise.all([cache.get(load), cache.get(load), cache.get(load)]);
    expect(loads).toBe(1);
    version = 2;
    await expect(cache.get(load)).rejects.toThrow("Keystone unavailable");
    await cache.get(load);
    await cache.get(load);
    expect(loads).toBe(3);
  });

  it("is kept for POLICY_SET_SECONDS only", async () => {
    let clock = 0;
    let loads = 0;
    const cache = policySetCache(async () => 0, () => clock);
    const load = async () => (loads++, set([], []));
    await cache.get(load);
    clock += POLICY_SET_SECONDS * 1000 - 1;
    await cache.get(load);
    expect(loads).toBe(1);
    clock += 1;
    await cache.get(load);
    expect(loads).toBe(2);
  });
});

describe("the policies covering a user", () => {
  it("names the domain's and the groups' policies, and asks for the user's groups only when a group requires MFA", async () => {
    let asked = 0;
    const groupsOf = (ids: string[]) => async () => (asked++, ids);
    expect(await policiesCoveringUser(set([["d1", "Default"]], []), "d1", groupsOf(["g1"]))).toEqual([{ kind: "domain", name: "Default" }]);
    expect(asked).toBe(0);
    const both = set([["d1", "Default"]], [["g1", "ops"], ["g2", "dev"]]);
    expect(await policiesCoveringUser(both, "d2", groupsOf(["g2", "g3"]))).toEqual([{ kind: "group", name: "dev" }]);
    expect(await policiesCoveringUser(both, "d1", groupsOf(["g1"]))).toEqual([{ kind: "domain", name: "Default" }, { kind: "group", name: "ops" }]);
    expect(asked).toBe(2);
  });
});
