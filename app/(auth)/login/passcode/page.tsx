import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { pendingLogins } from "@/lib/auth/pending-login";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { canContinueWithTotp, type PendingLogin } from "@/lib/auth/sign-in";
import { passcodeBlockedFor } from "@/lib/auth/sign-in-server";
import { describeMethods } from "@/lib/mfa/methods";
import { AuthenticatorSetup } from "@/components/mfa/authenticator-setup";
import { config } from "@/lib/config";
import { authenticatorSetupLabels, passcodeStepLabels } from "@/lib/i18n/labels";
import { getSay } from "@/lib/i18n/server";
import { hasServiceAccount } from "@/lib/keystone-service";
import { pendingEnrolment } from "@/lib/mfa/pending-enrolment";
import { groupedSecret } from "@/lib/totp/secret";
import { otpauthUri } from "@/lib/totp/uri";
import { SignInPaused } from "../sign-in-paused";
import { StartOver } from "../start-over-button";
import { PasscodeForm } from "./passcode-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passcode"))("metaTitle") };
}

const enrolTextKey = (pending: PendingLogin) =>
  pending.recovering ? "enrolAgainText" : pending.authenticatorRemoved ? "enrolRemovedText" : "enrolText";

const strong = (chunks: React.ReactNode) => <span className="font-medium text-zinc-900 dark:text-zinc-100">{chunks}</span>;

export default async function PasscodePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const pending = await pendingLogins.get();
  if (!pending) redirect("/login?reason=receipt-expired");
  const next = safeNextPath((await searchParams).next);
  const t = await getTranslations("passcode");

  if (!canContinueWithTotp(pending)) {
    const say = await getSay();
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">{t("moreTitle")}</h1>
        <Alert tone="warning">{t("moreText", { methods: say(describeMethods(pending.missingMethods)) })}</Alert>
        <StartOver />
      </>
    );
  }

  const blockedFor = await passcodeBlockedFor(pending.userId);
  if (blockedFor > 0) return <SignInPaused seconds={blockedFor} />;

  if (pending.enrol) {
    const enrolment = await pendingEnrolment(pending.userId);
    if (!enrolment) redirect("/login?reason=receipt-expired");
    const account = `${pending.userName}@${pending.domainName}`;
    const issuer = config().MFA_ISSUER;
    const [labels, setup] = await Promise.all([passcodeStepLabels(true), authenticatorSetupLabels(account, issuer)]);
    return (
      <>
        <h1 className="text-xl font-semibold">{t(pending.recovering ? "enrolAgainTitle" : "enrolTitle")}</h1>
        <p className="mb-6 mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t(enrolTextKey(pending))}</p>
        <AuthenticatorSetup
          uri={otpauthUri({ issuer, account, secret: enrolment.secret })}
          groupedKey={groupedSecret(enrolment.secret)}
          account={account}
          labels={setup}
          compact
        />
        <div className="mt-6">
          <PasscodeForm next={next} expiresAt={pending.expiresAt} enrol locale={labels.locale} labels={labels.passcode} />
        </div>
        <StartOver />
      </>
    );
  }

  const labels = await passcodeStepLabels(false);
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mb-6 mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t.rich("intro", { name: pending.userName, strong })}</p>
      <PasscodeForm next={next} expiresAt={pending.expiresAt} locale={labels.locale} labels={labels.passcode} />
      {hasServiceAccount() && (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
          {t("lost")}{" "}
          <Link href={next === "/" ? "/login/recovery" : `/login/recovery?next=${encodeURIComponent(next)}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            {t("useRecoveryCode")}
          </Link>
        </p>
      )}
      {!hasServiceAccount() && <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{t("noAuthenticator")}</p>}
      <StartOver />
    </>
  );
}
