import "server-only";
import { message, type Message } from "@/lib/i18n/message";
import { config } from "./config";
import { keystone } from "./keystone-server";
import { scopeToAProject } from "./auth/session-user";
import { isKeystoneError, MfaRequiredError, type IssuedToken } from "./keystone";
import type { ServiceAccountRef } from "./mfa/authority";
import { processWide } from "./process-wide";

// Shared by every bundle of the process, so the service account signs in once, not once per bundle.
const tokenCache = () => processWide<{ current?: IssuedToken }>("service-account-token", () => ({}));

export const hasServiceAccount = () => Boolean(config().KEYSTONE_SERVICE_USER && config().KEYSTONE_SERVICE_PASSWORD);

/** The configured service account by name and domain; null when there is none. */
export const serviceAccountRef = (): ServiceAccountRef | null =>
  hasServiceAccount() ? { name: config().KEYSTONE_SERVICE_USER!, domain: config().KEYSTONE_SERVICE_DOMAIN } : null;

const serviceLogin = () => {
  const { KEYSTONE_SERVICE_USER, KEYSTONE_SERVICE_PASSWORD, KEYSTONE_SERVICE_DOMAIN } = config();
  return { username: KEYSTONE_SERVICE_USER!, password: KEYSTONE_SERVICE_PASSWORD!, domain: KEYSTONE_SERVICE_DOMAIN };
};

/** Signs the service account in anew; whether Keystone let it is what its health says from now on. */
async function freshToken(): Promise<string> {
  let issued: IssuedToken;
  try {
    issued = await scopeToAProject(keystone(), await keystone().auth.password(serviceLogin()));
  } catch (e) {
    noteHealth(e);
    throw e;
  }
  noteHealth(null);
  tokenCache().current = issued;
  return issued.token;
}

/**
 * Runs `fn` with a token of the configured service account (KEYSTONE_SERVICE_*); null when there
 * is none. Used only where a user's own token may not act on their own account; callers pass the
 * session's user id, never one taken from a request. The token is reused until shortly before it
 * expires, and renewed once if Keystone no longer accepts it.
 */
export async function asServiceAccount<T>(fn: (token: string) => Promise<T>): Promise<T | null> {
  if (!hasServiceAccount()) return null;
  const cached = tokenCache().current;
  const reusable = cached !== undefined && Date.parse(cached.info.expires_at) - Date.now() > 60_000;
  const token = reusable ? cached.token : await freshToken();
  try {
    return await fn(token);
  } catch (e) {
    if (!reusable || !isKeystoneError(e, "unauthorized")) throw e;
    return fn(await freshToken());
  }
}

/** "ok", "none" (not configured), or why the service account cannot sign in. */
export type ServiceAccountHealth = { status: "ok" | "none" } | { status: "broken"; problem: Message };

const HEALTH_SECONDS = 300;
const health = () => processWide<{ checkedAt?: number; answer?: ServiceAccountHealth }>("service-account-health", () => ({}));

/** Records how the service account's last sign-in went (null: it signed in). Keystone being unreachable says nothing. */
function noteHealth(failure: unknown) {
  let answer: ServiceAccountHealth = { status: "ok" };
  if (failure instanceof MfaRequiredError) answer = { status: "broken", problem: message("admin.serviceAccount.hasMfa") };
  else if (isKeystoneError(failure, "password_expired")) answer = { status: "broken", problem: message("admin.serviceAccount.passwordExpired") };
  else if (isKeystoneError(failure, "bad_credentials")) answer = { status: "broken", problem: message("admin.serviceAccount.passwordRefused") };
  else if (failure !== null) return;
  Object.assign(health(), { answer, checkedAt: Date.now() });
}

/**
 * Whether the service account can still sign in: the outcome of its latest sign-in, and at least
 * every 5 minutes a sign-in with its password just to ask (a cached token keeps working after its
 * MFA rules or enabled flag changed, so only a real sign-in tells).
 */
export async function serviceAccountHealth(): Promise<ServiceAccountHealth> {
  if (!hasServiceAccount()) return { status: "none" };
  const { answer, checkedAt } = health();
  if (answer && checkedAt !== undefined && Date.now() - checkedAt < HEALTH_SECONDS * 1000) return answer;
  try {
    await keystone().auth.password(serviceLogin());
    noteHealth(null);
  } catch (e) {
    if (!isKeystoneError(e)) throw e;
    noteHealth(e);
  }
  return health().answer ?? { status: "ok" };
}
