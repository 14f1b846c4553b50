import { getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { LanguagePicker } from "@/components/language-picker";
import { Logo } from "@/components/shell/logo";
import { config } from "@/lib/config";

/** The frame of the sign-in pages: a centred card under the dashboard's name. */
export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  await connection(); // rendered per request, with the running server's configuration
  const t = await getTranslations("auth");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="h-12 w-12" />
          <p className="text-lg font-semibold tracking-tight">{config().DASHBOARD_TITLE}</p>
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900 sm:p-8">
          {children}
        </div>
        <p className="mt-6 text-center text-xs text-zinc-600 dark:text-zinc-400">{t("footer")}</p>
        <LanguagePicker id="language" className="mt-4 justify-center" />
      </div>
    </main>
  );
}
