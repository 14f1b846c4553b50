import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-redirect";

describe("safeNextPath", () => {
  it.each([
    ["/settings/password", "/settings/password"],
    ["/identity/users?q=a#top", "/identity/users?q=a#top"],
    ["/", "/"],
    // Percent-encoded line breaks and slashes stay encoded: a path of this site, not a header or a host.
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
    ["/%5c%5cevil.example", "/%5c%5cevil.example"],
    // Dot segments are resolved, and what is left is a path of this site.
    ["/identity/../settings/password", "/settings/password"],
    ["/./settings", "/settings"],
    // Unicode look-alikes of slashes are percent-encoded by the URL parser: no host.
    ["/\u2215\u2215evil.example", "/%E2%88%95%E2%88%95evil.example"],
    ["/\uff0f\uff0fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    // Another origin, written plainly.
    "https://evil.example/",
    "http://evil.example",
    "//evil.example/x",
    "///evil.example",
    "////evil.example",
    // Backslashes, which browsers read as slashes.
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "/.\\evil.example",
    // Dot segments that normalise to "//host" (observation 3).
    "/.//evil.example/",
    "/%2e//evil.example/",
    "/%2E//evil.example/",
    "/%2e%2e//evil.example/",
    "/%2E%2E//evil.example",
    "/.%2e//evil.example",
    "/a/..//evil.example/",
    "/a/b/../..//evil.example",
    "/./%2e/..//evil.example",
    "/..//evil.example",
    "/././/evil.example",
    // Schemes.
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    " /settings",
    // Control characters, tabs and newlines (browsers drop them and join what is left).
    "/ok\n//evil",
    "/\t//evil.example",
    "/\r\n/evil.example",
    "/\u0000//evil.example",
    "/\u007f//evil.example",
    "/settings\u001b",
    // The sign-in pages and Auth.js's endpoints.
    "/login",
    "/login/passcode",
    "/login?next=//evil.example",
    "/a/../login",
    "/%2e%2e/login",
    "/api/auth/signout",
    "/x/../api/auth/callback/totp",
    // Not a string, empty, too long.
    "",
    "settings",
    undefined,
    null,
    42,
    ["/settings"],
    { toString: () => "/settings" },
    "/" + "a".repeat(3000),
  ])("refuses %j", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });
});
