import "server-only";
import { adminApplicationCredentials } from "./app-credentials/admin";
import { applicationCredentials } from "./app-credentials/self-service";
import { adminMfa } from "./admin/mfa-admin";
import { mfaPolicies } from "./admin/policies";
import { passwordChange } from "./auth/password-change-attempt";
import { config } from "./config";
import { keystone } from "./keystone-server";
import { asServiceAccount, hasServiceAccount, serviceAccountRef } from "./keystone-service";
import { clearEnrolment, pendingEnrolment } from "./mfa/pending-enrolment";
import { policyAtLogin } from "./mfa/policy-check";
import { policySetCache } from "./mfa/policy-set";
import { processWide } from "./process-wide";
import { recoveryCodes } from "./mfa/recovery";
import { selfServiceMfa } from "./mfa/self-service";
import { securityGuards } from "./security";
import { audit } from "./security/audit";

/*
 * The MFA and admin use cases wired to the real collaborators: this server's Keystone client, the
 * security store's guards, the pending-setup cookie, the service account and the audit log. The
 * use cases themselves know none of these (their unit tests pass fakes).
 */

const now = () => new Date();
const allowApplicationCredentials = () => config().MFA_ALLOW_APPLICATION_CREDENTIALS;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Recovery codes in Keystone, their writes locked in the security store. */
export const recoveryCodeStore = () => recoveryCodes({ keystone: keystone(), locks: securityGuards(), now, sleep });

const adminDeps = () => ({
  keystone: keystone(),
  audit,
  serviceAccount: serviceAccountRef(),
  recoveryCodes: recoveryCodeStore(),
  allowApplicationCredentials: allowApplicationCredentials(),
  mfaLocks: securityGuards(),
  now,
  sleep,
});

export const selfService = () =>
  selfServiceMfa({
    keystone: keystone(),
    guards: securityGuards(),
    pendingSecret: async (userId) => (await pendingEnrolment(userId))?.secret ?? null,
    clearPending: clearEnrolment,
    asServiceAccount,
    recoveryCodes: recoveryCodeStore(),
    recoveryOffered: hasServiceAccount(),
    audit,
    allowApplicationCredentials: allowApplicationCredentials(),
    now,
    sleep,
  });

export const adminUseCases = () => adminMfa(adminDeps());

export const policyUseCases = () =>
  mfaPolicies({ ...adminDeps(), policyChanged: () => securityGuards().policyChanged() }, adminUseCases());

// One per process (not per bundle): the groups and domains requiring MFA, kept for seconds.
const policySet = () => processWide("mfa-policy-set", () => policySetCache(() => securityGuards().policyVersion()));

export const passwordChanges = () => passwordChange({ keystone: keystone(), guards: securityGuards() });

/** The policy check the password step of the sign-in runs (lib/auth/sign-in-server.ts). */
export const enforcePolicyAtLogin: ReturnType<typeof policyAtLogin> = (user) =>
  policyAtLogin({
    keystone: keystone(),
    asServiceAccount,
    serviceAccount: serviceAccountRef(),
    audit,
    allowApplicationCredentials: allowApplicationCredentials(),
    now,
    policySet: policySet(),
  })(user);

/** Settings > API access > Application credentials; a current passcode is checked as the Security page checks it. */
export const applicationCredentialUseCases = () =>
  applicationCredentials({
    keystone: keystone(),
    confirmPasscode: (userId, passcode) => selfService().confirmPasscode(userId, passcode),
    audit,
    authUrl: config().KEYSTONE_URL,
    allowApplicationCredentials: allowApplicationCredentials(),
    now,
  });

export const adminApplicationCredentialUseCases = () => adminApplicationCredentials({ keystone: keystone(), audit, now });
