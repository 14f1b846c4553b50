import "server-only";
import type { PendingLogin } from "./sign-in";
import { sealedCookie } from "./sealed-cookie";

const cookie = sealedCookie<PendingLogin>("mfa-receipt");

/** The pending login between the password and the passcode step, in an encrypted cookie. */
export const pendingLogins = {
  /** The pending login, or null when there is none or its receipt has expired. */
  async get(): Promise<PendingLogin | null> {
    const pending = await cookie.get();
    if (!pending || Date.parse(pending.expiresAt) <= Date.now()) return null;
    return pending;
  },
  /** The cookie lives no longer than Keystone's receipt. */
  save: (pending: PendingLogin) => cookie.set(pending, (Date.parse(pending.expiresAt) - Date.now()) / 1000),
  clear: () => cookie.clear(),
};
