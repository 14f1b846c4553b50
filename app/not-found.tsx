import { getTranslations } from "next-intl/server";
import Link from "next/link";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("text")}</p>
      <Link href="/" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
        {t("home")}
      </Link>
    </main>
  );
}
