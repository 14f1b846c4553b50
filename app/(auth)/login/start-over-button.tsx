import { getTranslations } from "next-intl/server";

/** A form post, not a link: starting over changes state (it drops the receipt). */
export async function StartOver() {
  const t = await getTranslations("passcode");
  return (
    <form method="post" action="/login/start-over" className="mt-6 text-center text-sm">
      <button type="submit" className="font-medium text-brand-700 hover:underline dark:text-brand-100">
        {t("startOver")}
      </button>
    </form>
  );
}
