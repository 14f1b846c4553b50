import { getTranslations } from "next-intl/server";

/** The new recovery codes as a numbered list: the part of the page that is printed. */
export async function RecoveryCodeSheet({ codes, account, issuer }: { codes: string[]; account: string; issuer: string }) {
  const t = await getTranslations("recoveryCodes");
  return (
    <section aria-labelledby="codes-heading" className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900 print:border-zinc-400 print:bg-white print:text-black print:shadow-none">
      <h2 id="codes-heading" className="text-base font-semibold">
        {t("sheetTitle", { account })}
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("sheetText", { issuer })}</p>
      <ol className="mt-4 grid grid-cols-1 gap-x-8 gap-y-2 font-mono text-lg tracking-wider sm:grid-cols-2 print:grid-cols-2">
        {codes.map((code, i) => (
          <li key={code} className="flex gap-3">
            <span aria-hidden="true" className="w-8 shrink-0 text-right text-zinc-500">{i + 1}.</span>
            <span>{code}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
