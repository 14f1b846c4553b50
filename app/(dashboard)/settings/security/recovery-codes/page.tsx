import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Recovery codes" };

/** New recovery codes, shown until the user says they saved them; then never again. */
export default async function RecoveryCodesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireUser();
  const codes = await freshRecoveryCodes.get(user.id);
  const next = safeNextPath((await searchParams).next);
  if (!codes) {
    return (
      <div className="max-w-2xl space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Recovery codes</h1>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          There are no new recovery codes to show. Codes are shown once, right after they are made; you can make a new set
          on the Security page.
        </p>
        <Link href="/settings/security" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
          Go to Security
        </Link>
      </div>
    );
  }
  const account = `${user.name}@${user.domain.name}`;
  const issuer = config().MFA_ISSUER;
  const file = `data:text/plain;charset=utf-8,${encodeURIComponent(recoveryCodesText(codes, account, issuer, new Date()))}`;
  return (
    <div className="max-w-2xl space-y-6">
      <div className="print:hidden">
        <h1 className="text-2xl font-semibold tracking-tight">Save your recovery codes</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
          If you lose your authenticator app, each of these codes signs you in once, in place of a passcode, and lets you
          set up the app again. They are shown only now: keep them in a password manager, or print them and put the paper
          somewhere safe. Any older recovery codes no longer work.
        </p>
      </div>
      <RecoveryCodeSheet codes={codes} account={account} issuer={issuer} />
      <div className="flex flex-wrap gap-3 print:hidden">
        <a href={file} download={`recovery-codes-${user.name.replace(/[^\w.-]+/g, "_")}.txt`} className={buttonClass("secondary")}>
          Download (.txt)
        </a>
        <PrintButton>Print</PrintButton>
      </div>
      <div className="border-t border-zinc-200 pt-5 dark:border-zinc-800 print:hidden">
        <SavedConfirmation action={confirmRecoveryCodesSaved} next={next} />
      </div>
    </div>
  );
}
