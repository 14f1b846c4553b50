/** One error model for everything Keystone can answer. */
export type KeystoneErrorKind =
  | "bad_credentials" // 401 without a receipt: wrong password, unknown user, wrong passcode
  | "password_expired" // 401 that says the password must be changed
  | "mfa_required" // 401 with an auth receipt: more methods are needed
  | "unauthorized" // 401 on a call made with a token: the token is expired or revoked
  | "forbidden"
  | "not_found"
  | "conflict"
  | "validation" // 400: Keystone's own message is kept
  | "unavailable"; // network error, timeout, 5xx

export class KeystoneError extends Error {
  constructor(
    readonly kind: KeystoneErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "KeystoneError";
  }
}

/** The receipt Keystone issues when a password (or other method) succeeded but a rule needs more. */
export interface AuthReceipt {
  /** The opaque Openstack-Auth-Receipt header value. */
  receipt: string;
  user: { id: string; name: string; domain: { id: string; name: string } };
  methodsDone: string[];
  expiresAt: string;
  /** Rules that would be satisfied, each a set of method names. */
  requiredMethods: string[][];
}

export class MfaRequiredError extends KeystoneError {
  constructor(readonly details: AuthReceipt) {
    super("mfa_required", "Additional authentication methods are required", 401);
    this.name = "MfaRequiredError";
  }

  /** Methods still missing, per rule, for rules that the methods done so far can lead to. */
  get missingMethods(): string[][] {
    const done = new Set(this.details.methodsDone);
    return this.details.requiredMethods.map((rule) => rule.filter((m) => !done.has(m)));
  }
}

export class PasswordExpiredError extends KeystoneError {
  constructor(readonly userId: string) {
    super("password_expired", "The password is expired and must be changed", 401);
    this.name = "PasswordExpiredError";
  }
}

export const isKeystoneError = (e: unknown, kind?: KeystoneErrorKind): e is KeystoneError =>
  e instanceof KeystoneError && (kind === undefined || e.kind === kind);
