import "server-only";
import { sealedCookie } from "@/lib/auth/sealed-cookie";
import { newTotpSecret } from "@/lib/totp/secret";

/** A secret shown to the user but not yet confirmed: it lives only in this cookie, for 10 minutes. */
export interface PendingEnrolment {
  userId: string;
  secret: string;
  expiresAt: string;
  /** At sign-in, after a recovery code: the ticket that lets this enrolment replace the lost authenticators once. */
  recoveryTicket?: string;
}

const ENROLMENT_SECONDS = 10 * 60;
const cookie = sealedCookie<PendingEnrolment>("mfa-enrolment");

export async function startEnrolment(userId: string, recoveryTicket?: string): Promise<PendingEnrolment> {
  const pending = {
    userId,
    secret: newTotpSecret(),
    expiresAt: new Date(Date.now() + ENROLMENT_SECONDS * 1000).toISOString(),
    ...(recoveryTicket ? { recoveryTicket } : {}),
  };
  await cookie.set(pending, ENROLMENT_SECONDS);
  return pending;
}

/** The pending enrolment of this user; null when absent, expired, tampered with or another user's. */
export async function pendingEnrolment(userId: string): Promise<PendingEnrolment | null> {
  const pending = await cookie.get();
  if (!pending || pending.userId !== userId || Date.parse(pending.expiresAt) <= Date.now()) return null;
  return pending;
}

export const clearEnrolment = () => cookie.clear();
