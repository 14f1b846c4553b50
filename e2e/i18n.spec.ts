import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { generate } from "otplib";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { createTestUser } from "../tests/support/users";
import { ENFORCED_RULES, expect, nextPasscode, screenshot, seriousA11yViolations, test } from "./support/fixtures";

// Each language's own catalog says what its pages must show: no copy of the words here.
type Tree = { [key: string]: string | Tree };
const catalog = (locale: string): Tree => JSON.parse(readFileSync(`messages/${locale}.json`, "utf8"));
const say = (tree: Tree, key: string) => key.split(".").reduce<string | Tree>((t, k) => (t as Tree)[k], tree) as string;

const html = (body: string) => /<html[^>]*\blang="([^"]+)"/.exec(body)?.[1];

test("the sign-in page answers each browser language with its <html lang> and its words", async ({ request }) => {
  const browserTags: Record<string, string> = { en: "en-US,en;q=0.9", "zh-CN": "zh-CN,zh;q=0.9", ja: "ja", ko: "ko-KR", de: "de-DE,de;q=0.9,en;q=0.8", fr: "fr-FR", es: "es-ES", ru: "ru-RU,ru", "pt-BR": "pt-BR,pt;q=0.9" };
  for (const locale of LOCALES) {
    const response = await request.get("/login", { headers: { "Accept-Language": browserTags[locale] } });
    expect(response.status(), locale).toBe(200);
    const body = await response.text();
    expect(html(body), locale).toBe(locale);
    const words = catalog(locale);
    for (const key of ["login.title", "login.username", "login.password", "auth.footer", "language.label"]) expect(body, `${locale} ${key}`).toContain(say(words, key));
  }
});

test("a hostile language cookie or Accept-Language header gets the sign-in page, never a 500", async ({ request }) => {
  const hostile = ["", "xx", "constructor", "__proto__", "../../messages/en", "en%00", "de;", "<script>alert(1)</script>", "a".repeat(3000), "zh-cn"];
  for (const value of hostile) {
    const response = await request.get("/login", { headers: { Cookie: `${LOCALE_COOKIE}=${encodeURIComponent(value)}`, "Accept-Language": "fr" } });
    expect(response.status(), value.slice(0, 40)).toBe(200);
    expect(html(await response.text()), value.slice(0, 40)).toBe("fr");
  }
  const headers = ["*", ";;;,,,", "q=1", "en;q=abc", "de;q=0", `${"zz,".repeat(2000)}ja`, "x-klingon", "zh-Hant-TW", "\t de \t"];
  for (const value of headers) {
    const response = await request.get("/login", { headers: { "Accept-Language": value } });
    expect(response.status(), value.slice(0, 40)).toBe(200);
    expect(LOCALES as readonly string[]).toContain(html(await response.text()));
  }
  // No language of ours in the header: English.
  const page = await request.get("/login", { headers: { "Accept-Language": "xx" } });
  expect(html(await page.text())).toBe("en");
});

/** A browser whose preferred language is `locale`, as Chromium sends it. */
async function browserIn(browser: Browser, locale: string) {
  return browser.newContext({ locale, baseURL: test.info().project.use.baseURL });
}

async function signInAs(page: Page, words: Tree, name: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(say(words, "login.username")).fill(name);
  await page.getByLabel(say(words, "login.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: say(words, "login.submit") }).click();
}

for (const locale of ["zh-CN", "de"] as const) {
  const words = catalog(locale);
  const tag = locale === "zh-CN" ? "zh" : locale;

  test(`a passcode sign-in in ${locale}, axe clean`, async ({ browser }) => {
    const user = await createTestUser({ rules: ENFORCED_RULES });
    const context = await browserIn(browser, locale);
    const page = await context.newPage();
    try {
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { name: say(words, "login.title") })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `i18n-login-${tag}`);

      await signInAs(page, words, user.name, user.password);
      await expect(page.getByRole("heading", { name: say(words, "passcode.title") })).toBeVisible();
      await expect(page.getByRole("timer")).toHaveText(/^[0-4]:[0-5][0-9]$/);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `i18n-passcode-${tag}`);

      await page.getByLabel(say(words, "passcode.label")).fill(await nextPasscode(user.totpSecret!));
      await page.getByRole("button", { name: say(words, "passcode.verify") }).click();
      await expect(page.getByRole("heading", { name: say(words, "overview.title") })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
    } finally {
      await context.close();
      await user.remove();
    }
  });

  test(`an enrolment on the Security page in ${locale}, axe clean`, async ({ browser }) => {
    const user = await createTestUser();
    const context = await browserIn(browser, locale);
    const page = await context.newPage();
    try {
      await signInAs(page, words, user.name, user.password);
      await expect(page.getByRole("heading", { name: say(words, "overview.title") })).toBeVisible();
      await page.goto("/settings/security");
      await expect(page.getByRole("heading", { name: say(words, "security.title"), level: 1 })).toBeVisible();
      await expect(page.getByText(say(words, "security.states.off.badge"), { exact: true })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `i18n-security-${tag}`);

      await page.getByRole("button", { name: say(words, "security.setUp") }).click();
      const setup = page.getByRole("region", { name: say(words, "security.setupTitle") });
      const secret = (await setup.getByLabel(say(words, "setup.setupKey")).textContent())!.replaceAll(" ", "");
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `i18n-security-setup-${tag}`);

      await setup.getByLabel(say(words, "forms.passcode"), { exact: true }).fill(await generate({ secret }));
      await setup.getByRole("button", { name: say(words, "security.activate") }).click();
      // Turning MFA on shows the new recovery codes first, in the same language.
      await expect(page.getByRole("heading", { name: say(words, "recoveryCodes.saveTitle") })).toBeVisible();
      await page.getByLabel(say(words, "recoveryCodes.savedLabel")).check();
      await page.getByRole("button", { name: say(words, "recoveryCodes.continue") }).click();
      await expect(page.getByText(say(words, "security.outcomes.activated"))).toBeVisible();
      await expect(page.getByText(say(words, "security.states.enforced.badge"), { exact: true })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
      await user.remove();
    }
  });
}

test("the language picked on the sign-in page and in the account menu is remembered by a cookie", async ({ browser }) => {
  const user = await createTestUser();
  const context = await browserIn(browser, "en-US");
  const page = await context.newPage();
  const en = catalog("en");
  const ja = catalog("ja");
  const ko = catalog("ko");
  try {
    await page.goto("/login");
    await page.getByLabel(say(en, "language.label")).selectOption("ja");
    await page.getByRole("button", { name: say(en, "language.apply") }).click();
    await expect(page.getByRole("heading", { name: say(ja, "login.title") })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    expect((await context.cookies()).find((c) => c.name === LOCALE_COOKIE)?.value).toBe("ja");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");

    await signInAs(page, ja, user.name, user.password);
    await expect(page.getByRole("heading", { name: say(ja, "overview.title") })).toBeVisible();
    await page.getByText(user.name, { exact: true }).first().click();
    await page.getByLabel(say(ja, "language.label")).selectOption("ko");
    await page.getByRole("button", { name: say(ja, "language.apply") }).click();
    await expect(page.getByRole("heading", { name: say(ko, "overview.title") })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await page.goto("/settings/security");
    await expect(page.getByRole("heading", { name: say(ko, "security.title"), level: 1 })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === LOCALE_COOKIE)?.value).toBe("ko");
  } finally {
    await context.close();
    await user.remove();
  }
});
