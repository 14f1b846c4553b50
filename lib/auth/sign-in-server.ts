import "server-only";
import { config } from "@/lib/config";
import { askProjectsEarly, keystone } from "@/lib/keystone-server";
import { freshRecoveryCodes } from "@/lib/mfa/fresh-recovery-codes";
import { serviceAccountAuthenticators, serviceAccountRecoveryCodes } from "@/lib/mfa/login-enrolment";
import { clearEnrolment, pendingEnrolment, startEnrolment } from "@/lib/mfa/pending-enrolment";
import { securityGuards } from "@/lib/security";
import { audit } from "@/lib/security/audit";
import { enforcePolicyAtLogin } from "@/lib/use-cases";
import { EXPIRED_PASSWORD_SECONDS, expiredPassword } from "./password-change";
import { pendingLogins } from "./pending-login";
import { createSignIn } from "./sign-in";

/** The sign-in steps with this server's Keystone, security store, cookies and audit log. */
export function signInSteps() {
  return createSignIn({
    keystone: keystone(),
    guards: securityGuards(),
    pendingLogins,
    enrolments: { start: startEnrolment, get: pendingEnrolment, clear: clearEnrolment },
    expiredPasswords: { remember: (userId) => expiredPassword.set({ userId }, EXPIRED_PASSWORD_SECONDS) },
    authenticators: serviceAccountAuthenticators,
    recoveryCodes: serviceAccountRecoveryCodes,
    freshCodes: freshRecoveryCodes,
    enforcePolicy: enforcePolicyAtLogin,
    tokenIssued: askProjectsEarly,
    audit,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    refusalFloorMs: config().SIGN_IN_FLOOR_MS,
  });
}

/** Seconds before this user may try passcodes again (0 when they may); counts nothing. */
export const passcodeBlockedFor = (userId: string) => securityGuards().passcodeBlockedFor(userId);
