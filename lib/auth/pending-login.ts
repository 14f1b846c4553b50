import "server-only";
import type { AuthReceipt } from "@/lib/keystone";
import { sealedCookie } from "./sealed-cookie";

/** A password step that Keystone answered with an auth receipt: what the passcode step needs. */
export interface PendingLogin {
  receipt: string;
  userId: string;
  userName: string;
  domainName: string;
  expiresAt: string;
  /** Methods still needed, one list per rule Keystone would accept. */
  missingMethods: string[][];
  /** The user has no authenticator yet: the passcode step becomes an enrolment. */
  enrol: boolean;
}

const cookie = sealedCookie<PendingLogin>("mfa-receipt");

export async function savePendingLogin(receipt: AuthReceipt, missingMethods: string[][], enrol: boolean) {
  const pending: PendingLogin = {
    receipt: receipt.receipt,
    userId: receipt.user.id,
    userName: receipt.user.name,
    domainName: receipt.user.domain.name,
    expiresAt: receipt.expiresAt,
    missingMethods,
    enrol,
  };
  // The cookie lives no longer than Keystone's receipt.
  await cookie.set(pending, (Date.parse(receipt.expiresAt) - Date.now()) / 1000);
}

/** The pending login, or null when there is none or its receipt has expired. */
export async function pendingLogin(): Promise<PendingLogin | null> {
  const pending = await cookie.get();
  if (!pending || Date.parse(pending.expiresAt) <= Date.now()) return null;
  return pending;
}

export const clearPendingLogin = () => cookie.clear();

/** True when one of the rules can be completed with a TOTP passcode alone. */
export const canContinueWithTotp = (pending: Pick<PendingLogin, "missingMethods">) =>
  pending.missingMethods.some((rule) => rule.length === 1 && rule[0] === "totp");
