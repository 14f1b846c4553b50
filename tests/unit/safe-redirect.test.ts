import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-redirect";

describe("safeNextPath", () => {
  it.each([
    ["/settings/password", "/settings/password"],
    ["/identity/users?q=a#top", "/identity/users?q=a#top"],
    ["/", "/"],
    // Percent-encoded line breaks stay encoded: a path, not a header.
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/ok\n//evil",
    "/login",
    "/api/auth/signout",
    "",
    undefined,
    42,
    "/" + "a".repeat(3000),
  ])("refuses %s", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });
});
