/**
 * The address a request came from, for attempt limits and the audit log.
 * Trusts X-Forwarded-For, so the reverse proxy in front of the dashboard must overwrite that header
 * (not append to it); otherwise a client can pick its own address and dodge the limits.
 */
export function clientAddress(headers: Headers): string {
  const forwardedFor = headers.get("x-forwarded-for")?.split(",")[0].trim();
  return forwardedFor || headers.get("x-real-ip")?.trim() || "unknown";
}
