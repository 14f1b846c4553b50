import { describe, expect, it } from "vitest";
import { endKeystoneSession } from "@/lib/auth/sign-out";
import { KeystoneError } from "@/lib/keystone";
import type { AuditEvent } from "@/lib/security/audit";

const user = { id: "u1", name: "alice", keystoneToken: "gAAAA-secret" };

async function signOutWith(revoke: () => Promise<void>) {
  const revoked: string[] = [];
  const audits: AuditEvent[] = [];
  await endKeystoneSession(user, "192.0.2.1", {
    keystone: { auth: { revoke: async (token: string) => (revoked.push(token), revoke()) } } as never,
    audit: async (e) => {
      audits.push(e);
    },
  });
  return { revoked, audits };
}

describe("endKeystoneSession", () => {
  it("revokes the session's token and writes one audit line without it", async () => {
    const { revoked, audits } = await signOutWith(async () => {});
    expect(revoked).toEqual([user.keystoneToken]);
    expect(audits).toEqual([{ event: "logout", userId: "u1", userName: "alice", clientAddress: "192.0.2.1", outcome: "success", reason: "token revoked" }]);
    expect(JSON.stringify(audits)).not.toContain(user.keystoneToken);
  });

  it.each([
    [new KeystoneError("unauthorized", "The request you have made requires authentication.", 401), "token no longer valid"],
    [new KeystoneError("not_found", "Could not find token", 404), "token no longer valid"],
    [new KeystoneError("unavailable", "Keystone could not be reached"), "token could not be revoked"],
  ])("still ends the session when Keystone says %s", async (error, reason) => {
    const { audits } = await signOutWith(async () => {
      throw error;
    });
    expect(audits).toMatchObject([{ event: "logout", outcome: "success", reason }]);
  });
});
