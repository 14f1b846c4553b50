"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { formAction } from "@/lib/server-action";

const YEAR = 365 * 24 * 60 * 60;

/**
 * Remembers the language the user picked, for a year; the page then renders again in it. Public:
 * the sign-in page offers it too. A value that is not one of ours changes nothing.
 */
export const chooseLanguage = formAction({ access: "public", input: z.object({ locale: z.string().max(16) }) }, async ({ locale }) => {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
});
