import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LanguagePicker } from "@/components/language-picker";

interface Props {
  name: string;
  domain: string;
  signOut: (form: FormData) => Promise<void>;
}

/** The account menu: a native disclosure, so it opens with Enter or Space and works without script. */
export async function UserMenu({ name, domain, signOut }: Props) {
  const t = await getTranslations("shell");
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden">
        <span
          aria-hidden="true"
          className="flex h-7 w-7 items-center justify-center rounded-full bg-zinc-800 text-xs font-semibold uppercase text-white dark:bg-zinc-200 dark:text-zinc-900"
        >
          {name.slice(0, 1)}
        </span>
        <span className="hidden font-medium sm:inline">{name}</span>
        <span className="sr-only sm:hidden">{t("accountMenu", { name })}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <p className="px-3 py-2 text-sm">
          <span className="block font-medium">{name}</span>
          <span className="block text-zinc-600 dark:text-zinc-400">{t("domain", { name: domain })}</span>
        </p>
        <hr className="my-1 border-zinc-200 dark:border-zinc-700" />
        <Link href="/settings/password" prefetch={false} className="block rounded-md px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          {t("changePassword")}
        </Link>
        <form action={signOut}>
          <button type="submit" className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
            {t("signOut")}
          </button>
        </form>
        <hr className="my-1 border-zinc-200 dark:border-zinc-700" />
        <LanguagePicker id="account-language" className="px-3 py-2" />
      </div>
    </details>
  );
}
