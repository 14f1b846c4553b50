import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PrintButton } from "@/components/mfa/print-button";
import { RecoveryCodeSheet } from "@/components/mfa/recovery-code-sheet";
import { SavedConfirmation } from "@/components/mfa/saved-confirmation";
import { buttonClass } from "@/components/ui/button";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { config } from "@/lib/config";
import { freshRecoveryCodes } from "@/lib/mfa/fresh-recovery-codes";
import { recoveryCodesText } from "@/lib/mfa/recovery-codes-file";
import { requireUser } from "@/lib/session";
import { confirmRecoveryCodesSaved } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recoveryCodes"))("title") };
}

/** New recovery codes, shown until the user says they saved them; then never again. */
export default async function RecoveryCodesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireUser();
  const codes = await freshRecoveryCodes.get(user.id);
  const next = safeNextPath((await searchParams).next);
  const t = await getTranslations("recoveryCodes");
  if (!codes) {
    return (
      <div className="max-w-2xl space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("noneTitle")}</h1>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{t("none")}</p>
        <Link href="/settings/security" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
          {t("goToSecurity")}
        </Link>
      </div>
    );
  }
  const account = `${user.name}@${user.domain.name}`;
  const issuer = config().MFA_ISSUER;
  const file = `data:text/plain;charset=utf-8,${encodeURIComponent(
    recoveryCodesText(codes, { title: t("fileTitle", { account, issuer }), note: t("fileNote", { date: new Date().toISOString().slice(0, 10) }) }),
  )}`;
  return (
    <div className="max-w-2xl space-y-6">
      <div className="print:hidden">
        <h1 className="text-2xl font-semibold tracking-tight">{t("saveTitle")}</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{t("saveText")}</p>
      </div>
      <RecoveryCodeSheet codes={codes} account={account} issuer={issuer} />
      <div className="flex flex-wrap gap-3 print:hidden">
        <a href={file} download={`recovery-codes-${user.name.replace(/[^\w.-]+/g, "_")}.txt`} className={buttonClass("secondary")}>
          {t("download")}
        </a>
        <PrintButton>{t("print")}</PrintButton>
      </div>
      <div className="border-t border-zinc-200 pt-5 dark:border-zinc-800 print:hidden">
        <SavedConfirmation action={confirmRecoveryCodesSaved} next={next} />
      </div>
    </div>
  );
}
