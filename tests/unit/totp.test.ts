import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { groupedSecret, isValidTotpSecret, newTotpSecret } from "@/lib/totp/secret";
import { otpauthUri } from "@/lib/totp/uri";
import { checkPasscode, describeDrift } from "@/lib/totp/verify";
import { english } from "../support/english";

const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const at = (seconds: number) => generate({ secret, epoch: seconds });
const NOW = 1_800_000_015; // 15 s into a step

describe("TOTP secrets", () => {
  it("are 32 uppercase base32 characters without padding", () => {
    const secrets = new Set(Array.from({ length: 50 }, newTotpSecret));
    expect(secrets.size).toBe(50);
    for (const s of secrets) expect(s).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("are refused in the shapes Keystone silently never matches", () => {
    expect(isValidTotpSecret(secret)).toBe(true);
    expect(isValidTotpSecret(secret.toLowerCase())).toBe(false);
    expect(isValidTotpSecret(`${secret}====`)).toBe(false);
    expect(isValidTotpSecret(groupedSecret(secret))).toBe(false);
    expect(isValidTotpSecret("JBSWY3DPEHPK3PXP")).toBe(false); // 10 bytes
  });

  it("are grouped by four for typing", () => {
    expect(groupedSecret(secret)).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
  });
});

describe("otpauthUri", () => {
  it("names issuer and account, URL-encoded, with Keystone's fixed parameters", () => {
    expect(otpauthUri({ issuer: "ACME Cloud & Co", account: "bob smith@Default", secret })).toBe(
      `otpauth://totp/ACME%20Cloud%20%26%20Co:bob%20smith%40Default?secret=${secret}&issuer=ACME%20Cloud%20%26%20Co&algorithm=SHA1&digits=6&period=30`,
    );
  });
});

describe("checkPasscode", () => {
  it("accepts the current and the previous step, as Keystone does", async () => {
    expect(await checkPasscode(secret, await at(NOW), NOW * 1000)).toEqual({ ok: true });
    expect(await checkPasscode(secret, await at(NOW - 30), NOW * 1000)).toEqual({ ok: true });
  });

  it("refuses a future step and says the clock is ahead", async () => {
    expect(await checkPasscode(secret, await at(NOW + 30), NOW * 1000)).toEqual({ ok: false, driftSeconds: 30 });
    expect(await checkPasscode(secret, await at(NOW + 120), NOW * 1000)).toEqual({ ok: false, driftSeconds: 120 });
  });

  it("refuses an older step and says the clock is behind", async () => {
    expect(await checkPasscode(secret, await at(NOW - 90), NOW * 1000)).toEqual({ ok: false, driftSeconds: -90 });
  });

  it("refuses a code from no nearby time without blaming the clock", async () => {
    const codes = new Set<string>();
    for (let s = -20; s <= 20; s++) codes.add(await at(NOW + s * 30));
    let wrong = "000000";
    while (codes.has(wrong)) wrong = String(Number(wrong) + 1).padStart(6, "0");
    expect(await checkPasscode(secret, wrong, NOW * 1000)).toEqual({ ok: false });
  });

  it("describes the drift in words", () => {
    expect(english(describeDrift(60))).toContain("about 60 seconds ahead");
    expect(english(describeDrift(-300))).toContain("about 5 minutes behind");
  });
});
