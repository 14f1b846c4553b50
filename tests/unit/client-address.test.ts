import { describe, expect, it } from "vitest";
import { normalizeAddress, parseTrustedProxies, resolveClientAddress, trustedProxyList, UNKNOWN_ADDRESS } from "@/lib/security/client-address";

const proxies = trustedProxyList(parseTrustedProxies("10.0.0.0/8, 192.0.2.7, ::1, 2001:db8:1::/48"));
const nobody = trustedProxyList([]);

describe("resolveClientAddress", () => {
  it("is the peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", nobody)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "198.51.100.1", nobody)).toBe("127.0.0.1");
  });

  it("is the peer when the peer is not a trusted proxy", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", proxies)).toBe("203.0.113.9");
  });

  it("is the right-most address that is not a trusted proxy when the peer is one", () => {
    expect(resolveClientAddress("192.0.2.7", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // A client's own entries come first (left); the proxies append theirs (right).
    expect(resolveClientAddress("192.0.2.7", "6.6.6.6, 198.51.100.1, 10.1.2.3", proxies)).toBe("198.51.100.1");
    expect(resolveClientAddress("::1", "2001:db8:1::5, 2001:db8:2::9", proxies)).toBe("2001:db8:2::9");
  });

  it("is the last trusted hop when every hop is trusted or the next one is not an address", () => {
    expect(resolveClientAddress("192.0.2.7", "10.0.0.1, 10.0.0.2", proxies)).toBe("10.0.0.1");
    expect(resolveClientAddress("192.0.2.7", "", proxies)).toBe("192.0.2.7");
    expect(resolveClientAddress("192.0.2.7", null, proxies)).toBe("192.0.2.7");
    expect(resolveClientAddress("192.0.2.7", "unknown, not-an-ip", proxies)).toBe("192.0.2.7");
    expect(resolveClientAddress("192.0.2.7", "198.51.100.1, garbage, 10.0.0.3", proxies)).toBe("10.0.0.3");
  });

  it("is unknown when the peer is not known (plain next start): one shared address, never the client's choice", () => {
    expect(resolveClientAddress(null, "198.51.100.1", proxies)).toBe(UNKNOWN_ADDRESS);
    expect(resolveClientAddress("", "198.51.100.1", proxies)).toBe(UNKNOWN_ADDRESS);
  });

  it("reads IPv4-mapped peers and forwarded entries with ports as plain addresses", () => {
    expect(resolveClientAddress("::ffff:192.0.2.7", "198.51.100.1:4711", proxies)).toBe("198.51.100.1");
    expect(resolveClientAddress("::ffff:10.9.9.9", "[2001:db8:3::1]:443", proxies)).toBe("2001:db8:3::1");
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1"],
    [" ::FFFF:10.0.0.1 ", "10.0.0.1"],
    ["[::1]:80", "::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["10.0.0.1:8080", "10.0.0.1"],
    ["localhost", null],
    ["10.0.0.256", null],
    ["", null],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe("parseTrustedProxies", () => {
  it("reads addresses and CIDR ranges of both families", () => {
    expect(parseTrustedProxies(" 10.0.0.0/8,192.0.2.7 , ::1,2001:db8::/32 ")).toEqual(["10.0.0.0/8", "192.0.2.7", "::1", "2001:db8::/32"]);
    expect(parseTrustedProxies("")).toEqual([]);
  });

  it.each(["10.0.0.0/33", "::1/129", "10.0.0.0/8/1", "proxy.example", "10.0.0.0/", "10.0.0.0/x"])("refuses %s", (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrowError(entry);
  });

  it("matches what it parsed, and nothing else", () => {
    expect(proxies("10.200.3.4")).toBe(true);
    expect(proxies("11.0.0.1")).toBe(false);
    expect(proxies("2001:db8:1:ffff::1")).toBe(true);
    expect(proxies("2001:db8:2::1")).toBe(false);
  });
});
