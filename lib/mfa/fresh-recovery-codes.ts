import "server-only";
import { sealedCookie } from "@/lib/auth/sealed-cookie";

/**
 * New recovery codes between the step that made them and the page that shows them: in an
 * encrypted, httpOnly cookie for 10 minutes at most, cleared once the user says they saved them.
 * Keystone never sees them (it keeps the hashes), and no other page or response carries them.
 */
interface FreshCodes {
  userId: string;
  codes: string[];
}

const SECONDS = 10 * 60;
const cookie = sealedCookie<FreshCodes>("recovery-codes");

export const RECOVERY_CODES_PAGE = "/settings/security/recovery-codes";

/** The page that shows the codes, then sends the user on to `next` (a path of this site). */
export const recoveryCodesPage = (next: string) => `${RECOVERY_CODES_PAGE}?next=${encodeURIComponent(next)}`;

export const freshRecoveryCodes = {
  keep: (userId: string, codes: string[]) => cookie.set({ userId, codes }, SECONDS),
  /** The codes waiting for this user; null when there are none (or they are another user's). */
  async get(userId: string): Promise<string[] | null> {
    const fresh = await cookie.get();
    return fresh?.userId === userId && Array.isArray(fresh.codes) ? fresh.codes : null;
  },
  clear: () => cookie.clear(),
};
