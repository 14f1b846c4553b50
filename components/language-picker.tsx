import { getLocale, getTranslations } from "next-intl/server";
import { chooseLanguage } from "@/app/language-action";
import { LANGUAGE_NAMES, LOCALES } from "@/lib/i18n/locales";

/** The language of the dashboard: a plain form, so it works without script and with the keyboard. */
export async function LanguagePicker({ id, className = "" }: { id: string; className?: string }) {
  const [t, locale] = await Promise.all([getTranslations("language"), getLocale()]);
  return (
    <form action={chooseLanguage} className={`flex flex-wrap items-center gap-2 text-sm ${className}`}>
      <label htmlFor={id} className="text-zinc-700 dark:text-zinc-300">
        {t("label")}
      </label>
      <select
        id={id}
        name="locale"
        defaultValue={locale}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {t("apply")}
      </button>
    </form>
  );
}
