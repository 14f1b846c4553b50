// Issue 8, observation 3: a signed-in user opening /login?next=... was redirected to what the URL
// parser made of `next` (/.//evil.example/ became //evil.example/). The full table of hostile values
// is the unit test tests/unit/safe-redirect.test.ts; here the real server answers a few of them.
import { createTestUser } from "../../tests/support/users";
import { expect, signIn, test } from "../support/fixtures";

const hostile = [
  "/.//evil.example/",
  "/%2e%2e//evil.example/",
  "/%2E//evil.example/",
  "/a/..//evil.example/",
  "/./%2e/..//evil.example",
  "/.\\evil.example",
  "//evil.example",
  "/\\/evil.example",
  "/%09/evil.example",
  "/\t//evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
];

test("a signed-in user is never sent off the site by /login?next=", async ({ page, baseURL }) => {
  const user = await createTestUser();
  try {
    await signIn(page, user);
    for (const next of hostile) {
      const response = await page.request.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect([303, 307], next).toContain(response.status());
      const location = response.headers().location;
      expect(new URL(location, baseURL).origin, `${next} -> ${location}`).toBe(new URL(baseURL!).origin);
      expect(location, next).not.toMatch(/^[\\/]{2}|^[a-z]+:/i);
    }
    // A path of the site itself still works.
    const response = await page.request.get(`/login?next=${encodeURIComponent("/settings/password?x=1")}`, { maxRedirects: 0 });
    expect(response.headers().location).toBe("/settings/password?x=1");
  } finally {
    await user.remove();
  }
});
