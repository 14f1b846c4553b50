import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";

// No locale in the URL: the language comes from the user's cookie, else the browser's header.
export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    // Dates shown as UTC, as Keystone gives them; the locale decides only how they read.
    timeZone: "UTC",
  };
});
