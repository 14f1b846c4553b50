import { BlockList, isIP } from "node:net";
import { config } from "@/lib/config";

/*
 * The address a request came from, for the attempt limits and the audit log.
 *
 * Next does not tell a handler the socket's address, and it passes on whatever X-Forwarded-For a
 * client sent. So server.mjs, around Next, writes the socket's address into `x-dashboard-peer`
 * (overwriting any client's) and marks the process. X-Forwarded-For is then read only when that
 * peer is one of TRUSTED_PROXIES, right to left, skipping the trusted hops: the first address that
 * is not a trusted proxy is the client.
 */

/** Set on globalThis by server.mjs: every request's `x-dashboard-peer` was written by it. */
const PEER_HEADER_SET = Symbol.for("mfa-dashboard:peer-header");
const PEER_HEADER = "x-dashboard-peer";

/** Served by plain `next start` (no server.mjs): the peer is unknown, and so is every client. */
export const UNKNOWN_ADDRESS = "unknown";

export const peerHeaderIsSet = () => (globalThis as Record<symbol, unknown>)[PEER_HEADER_SET] === true;

/** "::ffff:10.0.0.1" -> "10.0.0.1"; "[::1]:443" and "10.0.0.1:80" lose their port; null when not an IP. */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : null;
}

/**
 * TRUSTED_PROXIES as written ("10.0.0.0/8, 192.168.1.5, ::1"): each entry an IP or a CIDR range.
 * Throws a message naming the first bad entry.
 */
export function parseTrustedProxies(text: string): string[] {
  const entries = text.split(",").map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !prefixOk || extra !== undefined) {
      throw new Error(`"${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.0/8, 192.0.2.7, ::1)`);
    }
  }
  return entries;
}

/** A matcher for parsed TRUSTED_PROXIES entries. */
export function trustedProxyList(entries: string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the peer, or, when the peer is a trusted proxy, the right-most address of
 * X-Forwarded-For that is not a trusted proxy. An entry that is not an address ends the walk at
 * the hop before it. `peer` is null when it is not known (plain `next start`).
 */
export function resolveClientAddress(peer: string | null, forwardedFor: string | null, trusted: (address: string) => boolean): string {
  const start = peer === null ? null : normalizeAddress(peer);
  if (!start) return UNKNOWN_ADDRESS;
  let client = start;
  const hops = (forwardedFor ?? "").split(",").filter((h) => h.trim() !== "");
  while (trusted(client) && hops.length > 0) {
    const next = normalizeAddress(hops.pop()!);
    if (!next) break;
    client = next;
  }
  return client;
}

let cached: { entries: string[]; trusted: (address: string) => boolean } | undefined;
const trustedFromConfig = () => {
  const entries = config().TRUSTED_PROXIES;
  if (cached?.entries !== entries) cached = { entries, trusted: trustedProxyList(entries) };
  return cached.trusted;
};

/** The address the request `headers` came from, as the attempt limits and the audit log see it. */
export function clientAddress(headers: Headers): string {
  const peer = peerHeaderIsSet() ? headers.get(PEER_HEADER) : null;
  return resolveClientAddress(peer, headers.get("x-forwarded-for"), trustedFromConfig());
}
