import { KeystoneError, MfaRequiredError, PasswordExpiredError, type AuthReceipt } from "./errors";

export interface KeystoneOptions {
  /** Base URL ending in /v3, without a trailing slash. */
  url: string;
  timeoutMs: number;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD";
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Set for /auth/tokens calls, where a 401 means bad credentials rather than a bad token. */
  authenticating?: boolean;
}

export interface KeystoneResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export type Http = <T = unknown>(path: string, options?: RequestOptions) => Promise<KeystoneResponse<T>>;

const EXPIRED_PASSWORD = /password is expired and needs to be changed for user: ([0-9a-f]+)/i;

/** Builds the one function every Keystone call goes through: timeout, JSON, error mapping. */
export function createHttp({ url, timeoutMs }: KeystoneOptions): Http {
  return async function request<T>(path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    if (options.token) headers["X-Auth-Token"] = options.token;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";

    let response: Response;
    try {
      response = await fetch(url + path, {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
    } catch (e) {
      // A timeout is a 504 (Keystone may have received the request and acted on it); a request that
      // could not be sent has no status (Keystone never saw it).
      const timedOut = e instanceof DOMException && e.name === "TimeoutError";
      if (timedOut) throw new KeystoneError("unavailable", `Keystone did not answer within ${timeoutMs} ms`, 504);
      throw new KeystoneError("unavailable", "Keystone could not be reached");
    }

    const text = await response.text().catch(() => "");
    const body = parseJson(text);
    if (response.ok) return { status: response.status, headers: response.headers, body: body as T };
    throw toError(response, body, options.authenticating ?? false);
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function keystoneMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === "string" ? message : undefined;
}

function toError(response: Response, body: unknown, authenticating: boolean): KeystoneError {
  const status = response.status;
  const message = keystoneMessage(body) ?? response.statusText;
  if (status === 401) {
    const receipt = response.headers.get("openstack-auth-receipt");
    if (receipt) return new MfaRequiredError(parseReceipt(receipt, body));
    const expired = EXPIRED_PASSWORD.exec(message);
    if (expired) return new PasswordExpiredError(expired[1]);
    return new KeystoneError(authenticating ? "bad_credentials" : "unauthorized", message, status);
  }
  if (status === 400) return new KeystoneError("validation", message, status);
  if (status === 403) return new KeystoneError("forbidden", message, status);
  if (status === 404) return new KeystoneError("not_found", message, status);
  if (status === 409) return new KeystoneError("conflict", message, status);
  return new KeystoneError("unavailable", `Keystone answered ${status}`, status);
}

interface ReceiptBody {
  receipt?: {
    methods?: string[];
    user?: AuthReceipt["user"];
    expires_at?: string;
  };
  required_auth_methods?: string[][];
}

function parseReceipt(receipt: string, body: unknown): AuthReceipt {
  const b = (body ?? {}) as ReceiptBody;
  if (!b.receipt?.user || !b.receipt.expires_at) {
    throw new KeystoneError("unavailable", "Keystone sent an auth receipt without its details");
  }
  return {
    receipt,
    user: b.receipt.user,
    methodsDone: b.receipt.methods ?? [],
    expiresAt: b.receipt.expires_at,
    requiredMethods: b.required_auth_methods ?? [],
  };
}
