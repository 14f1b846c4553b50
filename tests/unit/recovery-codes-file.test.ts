import { describe, expect, it } from "vitest";
import { recoveryCodesText } from "@/lib/mfa/recovery-codes-file";
import { newRecoveryCodes } from "@/lib/mfa/recovery-codes";

describe("the recovery codes file", () => {
  it("lists the codes numbered, one a line, under the account and the date", () => {
    const codes = newRecoveryCodes();
    const lines = recoveryCodesText(codes, { title: "Recovery codes for alice@Default (OpenStack)", note: "Made on 2026-05-01." }).split("\n");
    expect(lines.slice(0, 2)).toEqual(["Recovery codes for alice@Default (OpenStack)", "Made on 2026-05-01."]);
    expect(lines.slice(3, 13)).toEqual(codes.map((c, i) => `${String(i + 1).padStart(2)}. ${c}`));
  });

  it("keeps control characters of a name or issuer out of the file", () => {
    const text = recoveryCodesText(["k7m2q-x9p4t"], { title: "Recovery codes for eve\r\n 1. fake-code\u2028@Default (Issuer\u0000\u001b[2J)", note: "Made today." });
    expect(text.split("\n")).toHaveLength(5);
    expect(text).not.toMatch(/[\r\u0000\u001b\u2028]/);
  });
});
