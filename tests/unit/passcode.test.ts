import { describe, expect, it } from "vitest";
import { normalizePasscode } from "@/lib/totp/passcode";

describe("normalizePasscode", () => {
  it.each([
    ["123456", "123456"],
    ["012345", "012345"],
    ["123 456", "123456"],
    [" 123-456 ", "123456"],
    ["12 34 56", "123456"],
    ["123\t456", "123456"],
  ])("accepts %j", (input, expected) => {
    expect(normalizePasscode(input)).toBe(expected);
  });

  it.each(["", "12345", "1234567", "abcdef", "12345a", "１２３４５６", "123.456", "9".repeat(40), undefined, 123456])(
    "refuses %j",
    (input) => {
      expect(normalizePasscode(input)).toBeNull();
    },
  );
});
