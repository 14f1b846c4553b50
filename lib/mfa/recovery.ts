import type { Keystone } from "@/lib/keystone";
import type { Guards } from "@/lib/security/limits";
import { whileHolding } from "@/lib/security/user-lock";
import {
  codesLeft,
  findRecoveryCode,
  hashRecoveryCodes,
  newRecoveryCodes,
  parseRecoverySet,
  RECOVERY_CREDENTIAL_TYPE,
  type RecoverySet,
} from "./recovery-codes";

/*
 * A user's recovery codes as Keystone keeps them: one credential of type `dashboard-recovery`
 * whose blob holds the hashes and which codes are used. Every call takes the token explicitly: the
 * user's own (a user may create, read, PATCH and delete their own credentials), the service
 * account's at sign-in, an administrator's for a reset.
 *
 * Keystone has no compare-and-swap, so every read-modify-write of the blob runs under a lock in
 * the security store (shared by the instances): a code sent ten times at once is used once, and
 * two codes used at once both keep their "used" mark.
 */

export interface RecoveryDeps {
  keystone: Pick<Keystone, "credentials">;
  locks: Pick<Guards, "lockRecoveryCodes" | "unlockRecoveryCodes">;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface RecoverySummary {
  left: number;
  total: number;
}

/** What a submitted code turned out to be. */
export type Redemption = { outcome: "used"; left: number } | { outcome: "wrong" | "used before" | "no codes" };

/** The lock stayed taken for longer than a request should wait: no verdict, try again. */
export class RecoveryCodesBusy extends Error {
  constructor() {
    super("The recovery codes are being changed by another request");
    this.name = "RecoveryCodesBusy";
  }
}

/** The user's credentials of the type, and the newest one holding a set the dashboard wrote. */
async function readSets(keystone: RecoveryDeps["keystone"], token: string, userId: string) {
  const credentials = await keystone.credentials.list(token, userId, RECOVERY_CREDENTIAL_TYPE);
  const valid = credentials
    .map((c) => ({ id: c.id, set: parseRecoverySet(c.blob) }))
    .filter((c): c is { id: string; set: RecoverySet } => c.set !== null)
    .sort((a, b) => b.set.createdAt.localeCompare(a.set.createdAt));
  return { current: valid[0] ?? null, ids: credentials.map((c) => c.id) };
}

/** How many of the user's recovery codes are left; null when they have none. Reads only. */
export async function recoverySummary(keystone: RecoveryDeps["keystone"], token: string, userId: string): Promise<RecoverySummary | null> {
  const { current } = await readSets(keystone, token, userId);
  return current && { left: codesLeft(current.set), total: current.set.codes.length };
}

export function recoveryCodes(deps: RecoveryDeps) {
  const { keystone } = deps;

  const locked = <T>(userId: string, fn: () => Promise<T>): Promise<T> =>
    whileHolding({ take: () => deps.locks.lockRecoveryCodes(userId), give: () => deps.locks.unlockRecoveryCodes(userId) }, deps, () => new RecoveryCodesBusy(), fn);

  return {
    summary: (token: string, userId: string) => recoverySummary(keystone, token, userId),

    /**
     * A new set for the user that voids the old one (its blob is replaced in one PATCH): the codes,
     * to be shown once and never kept.
     */
    async replace(token: string, userId: string): Promise<string[]> {
      const codes = newRecoveryCodes();
      const blob = JSON.stringify(await hashRecoveryCodes(userId, codes, deps.now()));
      await locked(userId, async () => {
        const { current, ids } = await readSets(keystone, token, userId);
        const kept = current
          ? (await keystone.credentials.update(token, current.id, blob)).id
          : (await keystone.credentials.create(token, userId, RECOVERY_CREDENTIAL_TYPE, blob)).id;
        // Any other set (one not written by the dashboard, or older) goes, so only the new codes work.
        for (const id of ids) if (id !== kept) await keystone.credentials.delete(token, id);
      });
      return codes;
    },

    /** Uses up one code (normalised) of the user's: marked used in Keystone before this returns "used". */
    redeem(token: string, userId: string, code: string): Promise<Redemption> {
      return locked(userId, async () => {
        const { current } = await readSets(keystone, token, userId);
        if (!current) return { outcome: "no codes" };
        const found = await findRecoveryCode(userId, current.set, code);
        if (!found) return { outcome: "wrong" };
        if (found.used) return { outcome: "used before" };
        const usedAt = deps.now().toISOString();
        const set = { ...current.set, codes: current.set.codes.map((c, i) => (i === found.index ? { ...c, usedAt } : c)) };
        await keystone.credentials.update(token, current.id, JSON.stringify(set));
        return { outcome: "used", left: codesLeft(set) };
      });
    },

    /** Voids the user's codes: every credential of the type goes. How many there were. */
    voidAll(token: string, userId: string): Promise<number> {
      return locked(userId, async () => {
        const { ids } = await readSets(keystone, token, userId);
        for (const id of ids) await keystone.credentials.delete(token, id);
        return ids.length;
      });
    },
  };
}

export type RecoveryCodes = ReturnType<typeof recoveryCodes>;
