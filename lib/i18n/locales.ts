/** The languages of the dashboard, and how a request's language is chosen. No Next, no React. */

export const LOCALES = ["en", "zh-CN", "ja", "ko", "de", "fr", "es", "ru", "pt-BR"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "en";

/** The cookie that remembers the language the user picked. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Each language in its own words, for the language picker. */
export const LANGUAGE_NAMES: Record<AppLocale, string> = {
  en: "English",
  "zh-CN": "简体中文",
  ja: "日本語",
  ko: "한국어",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  ru: "Русский",
  "pt-BR": "Português (Brasil)",
};

export const isLocale = (value: unknown): value is AppLocale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** A language tag from a browser ("zh-Hans-CN", "pt", "de-AT") mapped to one of ours, or null. */
function match(tag: string): AppLocale | null {
  const lower = tag.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const [language, ...rest] = lower.split("-");
  // Traditional Chinese is not Simplified Chinese: zh-TW, zh-HK and zh-Hant get no match.
  if (language === "zh") return rest.some((s) => s === "hant" || s === "tw" || s === "hk" || s === "mo") ? null : "zh-CN";
  return LOCALES.find((l) => l.split("-")[0].toLowerCase() === language) ?? null;
}

/**
 * The languages of an Accept-Language header in the order the browser prefers them (by q, then by
 * position). Anything malformed is skipped; an absurdly long header is read only in part.
 */
function preferred(header: string): string[] {
  return header
    .slice(0, 1024)
    .split(",")
    .slice(0, 32)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : params.length ? 0 : 1, index };
    })
    .filter(({ tag, q }) => q > 0 && /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The user's pick (the cookie), else the browser's Accept-Language, else English. */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): AppLocale {
  if (isLocale(cookie)) return cookie;
  for (const tag of preferred(acceptLanguage ?? "")) {
    const locale = match(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
