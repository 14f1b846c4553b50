import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { pendingLogins } from "@/lib/auth/pending-login";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { canContinueWithTotp } from "@/lib/auth/sign-in";
import { passcodeBlockedFor } from "@/lib/auth/sign-in-server";
import { passcodeStepLabels } from "@/lib/i18n/labels";
import { hasServiceAccount } from "@/lib/keystone-service";
import { SignInPaused } from "../sign-in-paused";
import { StartOver } from "../start-over-button";
import { RecoveryForm } from "./recovery-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("metaTitle") };
}

const withNext = (path: string, next: string) => (next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`);
const strong = (chunks: React.ReactNode) => <span className="font-medium text-zinc-900 dark:text-zinc-100">{chunks}</span>;

/** The passcode step for a user who lost their authenticator: one of their saved recovery codes instead. */
export default async function RecoveryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const pending = await pendingLogins.get();
  if (!pending) redirect("/login?reason=receipt-expired");
  const next = safeNextPath((await searchParams).next);
  // An enrolment, or rules that need more than a passcode: a recovery code has nothing to replace.
  if (pending.enrol || !canContinueWithTotp(pending)) redirect(withNext("/login/passcode", next));
  const t = await getTranslations("recovery");
  const back = (
    <p className="mt-4 text-center text-sm">
      <Link href={withNext("/login/passcode", next)} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
        {t("back")}
      </Link>
    </p>
  );

  if (!hasServiceAccount()) {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">{t("title")}</h1>
        <Alert tone="warning">{t("unavailable")}</Alert>
        {back}
        <StartOver />
      </>
    );
  }

  const blockedFor = await passcodeBlockedFor(pending.userId);
  if (blockedFor > 0) return <SignInPaused seconds={blockedFor} />;

  const labels = await passcodeStepLabels(false);
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mb-6 mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t.rich("intro", { name: pending.userName, strong })}</p>
      <RecoveryForm next={next} expiresAt={pending.expiresAt} locale={labels.locale} labels={labels.recovery} />
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{t("noCodes")}</p>
      {back}
      <StartOver />
    </>
  );
}
