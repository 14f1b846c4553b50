import "server-only";
import { config } from "./config";
import { keystone } from "./keystone-server";
import { scopeToAProject } from "./auth/session-user";
import { isKeystoneError, type IssuedToken } from "./keystone";
import { processWide } from "./process-wide";

// Shared by every bundle of the process, so the service account signs in once, not once per bundle.
const tokenCache = () => processWide<{ current?: IssuedToken }>("service-account-token", () => ({}));

export const hasServiceAccount = () => Boolean(config().KEYSTONE_SERVICE_USER && config().KEYSTONE_SERVICE_PASSWORD);

async function freshToken(): Promise<string> {
  const { KEYSTONE_SERVICE_USER, KEYSTONE_SERVICE_PASSWORD, KEYSTONE_SERVICE_DOMAIN } = config();
  const login = { username: KEYSTONE_SERVICE_USER!, password: KEYSTONE_SERVICE_PASSWORD!, domain: KEYSTONE_SERVICE_DOMAIN };
  const issued = await scopeToAProject(keystone(), await keystone().auth.password(login));
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
