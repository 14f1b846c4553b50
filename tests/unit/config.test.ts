import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

const valid = { KEYSTONE_URL: "http://127.0.0.1:5000/v3/", AUTH_SECRET: "x".repeat(32), AUTH_TRUST_HOST: "true" };

describe("parseConfig", () => {
  it("applies defaults and trims the Keystone URL", () => {
    const c = parseConfig(valid);
    expect(c.KEYSTONE_URL).toBe("http://127.0.0.1:5000/v3");
    expect(c.KEYSTONE_TIMEOUT_MS).toBe(10_000);
    expect(c.KEYSTONE_SERVICE_DOMAIN).toBe("Default");
    expect(c.KEYSTONE_SERVICE_USER).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.MFA_ISSUER).toBe("OpenStack");
  });

  it("names every bad variable", () => {
    expect(() => parseConfig({ KEYSTONE_URL: "not a url", KEYSTONE_TIMEOUT_MS: "soon" })).toThrowError(
      /KEYSTONE_URL: must be the Keystone v3 URL[\s\S]*AUTH_SECRET: is required[\s\S]*KEYSTONE_TIMEOUT_MS/,
    );
  });

  it("refuses a short AUTH_SECRET", () => {
    expect(() => parseConfig({ ...valid, AUTH_SECRET: "short" })).toThrowError(/AUTH_SECRET: must be at least 32/);
  });

  it("wants the service user and password together", () => {
    expect(() => parseConfig({ ...valid, KEYSTONE_SERVICE_USER: "svc" })).toThrowError(/KEYSTONE_SERVICE_PASSWORD/);
    const c = parseConfig({ ...valid, KEYSTONE_SERVICE_USER: "svc", KEYSTONE_SERVICE_PASSWORD: "pw", KEYSTONE_SERVICE_DOMAIN: "" });
    expect(c.KEYSTONE_SERVICE_DOMAIN).toBe("Default");
  });

  it("treats empty optional variables as unset", () => {
    expect(parseConfig({ ...valid, REDIS_URL: "", KEYSTONE_SERVICE_USER: "" }).REDIS_URL).toBeUndefined();
  });

  it("trusts no proxy unless TRUSTED_PROXIES names some, and names a bad entry", () => {
    expect(parseConfig(valid).TRUSTED_PROXIES).toEqual([]);
    expect(parseConfig({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "::1"]);
    expect(() => parseConfig({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, proxy" })).toThrowError(/TRUSTED_PROXIES: "proxy" is not an IP address/);
  });

  it("wants AUTH_URL or AUTH_TRUST_HOST=true, so that Auth.js trusts the Host header only when told to", () => {
    const { AUTH_TRUST_HOST: _, ...untrusting } = valid;
    expect(() => parseConfig(untrusting)).toThrowError(/AUTH_URL: set AUTH_URL to the dashboard's public URL, or AUTH_TRUST_HOST=true/);
    expect(() => parseConfig({ ...untrusting, AUTH_TRUST_HOST: "false" })).toThrowError(/AUTH_URL/);
    expect(() => parseConfig({ ...untrusting, AUTH_TRUST_HOST: "yes" })).toThrowError(/AUTH_TRUST_HOST: must be true or false/);
    expect(parseConfig({ ...untrusting, AUTH_URL: "https://dashboard.example.org" }).AUTH_TRUST_HOST).toBe(false);
    expect(parseConfig(valid).AUTH_TRUST_HOST).toBe(true);
  });

  it("keeps application credentials working under MFA unless MFA_ALLOW_APPLICATION_CREDENTIALS=false", () => {
    expect(parseConfig(valid).MFA_ALLOW_APPLICATION_CREDENTIALS).toBe(true);
    expect(parseConfig({ ...valid, MFA_ALLOW_APPLICATION_CREDENTIALS: "" }).MFA_ALLOW_APPLICATION_CREDENTIALS).toBe(true);
    expect(parseConfig({ ...valid, MFA_ALLOW_APPLICATION_CREDENTIALS: "false" }).MFA_ALLOW_APPLICATION_CREDENTIALS).toBe(false);
    expect(parseConfig({ ...valid, MFA_ALLOW_APPLICATION_CREDENTIALS: "0" }).MFA_ALLOW_APPLICATION_CREDENTIALS).toBe(false);
    expect(() => parseConfig({ ...valid, MFA_ALLOW_APPLICATION_CREDENTIALS: "no" })).toThrowError(/MFA_ALLOW_APPLICATION_CREDENTIALS: must be true or false/);
  });

  it("has a floor for refused sign-ins, one second unless set", () => {
    expect(parseConfig(valid).SIGN_IN_FLOOR_MS).toBe(1000);
    expect(parseConfig({ ...valid, SIGN_IN_FLOOR_MS: "1500" }).SIGN_IN_FLOOR_MS).toBe(1500);
    expect(() => parseConfig({ ...valid, SIGN_IN_FLOOR_MS: "-1" })).toThrowError(/SIGN_IN_FLOOR_MS/);
  });
});
