import { randomBytes } from "node:crypto";
import { adminToken, mainKeystone } from "./keystone";

/** A throwaway Keystone group in Default, through the API (the dashboard does not create groups). */
export async function createTestGroup(): Promise<{ id: string; name: string; addMember(userId: string): Promise<void>; remove(): Promise<void> }> {
  const { seed, keystone } = mainKeystone;
  const token = await adminToken();
  const name = `e2e-group-${randomBytes(3).toString("hex")}`;
  const res = await fetch(`${seed.keystoneUrl}/groups`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Auth-Token": token },
    body: JSON.stringify({ group: { name, domain_id: seed.domains.Default } }),
  });
  const { group } = (await res.json()) as { group: { id: string } };
  return {
    id: group.id,
    name,
    addMember: async (userId) => keystone.identity.addGroupMember(await adminToken(), group.id, userId),
    remove: async () => {
      await fetch(`${seed.keystoneUrl}/groups/${group.id}`, { method: "DELETE", headers: { "X-Auth-Token": await adminToken() } });
    },
  };
}
