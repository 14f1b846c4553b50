import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AuthenticatorSetup } from "@/components/mfa/authenticator-setup";
import { PasscodeActionForm } from "@/components/mfa/passcode-action-form";
import { RecoveryCodesPanel } from "@/components/mfa/recovery-codes-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { config } from "@/lib/config";
import { authenticatorSetupLabels } from "@/lib/i18n/labels";
import { getSay } from "@/lib/i18n/server";
import { pendingEnrolment } from "@/lib/mfa/pending-enrolment";
import type { Outcome } from "@/lib/mfa/self-service";
import type { MfaState } from "@/lib/mfa/state";
import { groupedSecret } from "@/lib/totp/secret";
import { otpauthUri } from "@/lib/totp/uri";
import { selfService } from "@/lib/use-cases";
import { withKeystoneSession } from "@/lib/session";
import { activate, cancelSetup, regenerateRecoveryCodes, remove, startSetup, turnOff } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security"))("title") };
}

// A Set: `?done=constructor` must find nothing, not Object's own.
const outcomes = new Set<Outcome>(["activated", "registered", "added", "removed", "off", "codes"]);
const isOutcome = (value: unknown): value is Outcome => typeof value === "string" && outcomes.has(value as Outcome);

const tones: Record<MfaState, string> = {
  enforced: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  registered: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  off: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100",
};

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={`${id}-section`} aria-labelledby={id} className="scroll-mt-20 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id={id} className="mb-4 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { user, mfa, enrolment } = await withKeystoneSession(async (user) => ({
    user,
    mfa: await selfService().status(user),
    enrolment: await pendingEnrolment(user.id),
  }));
  const [t, say] = await Promise.all([getTranslations("security"), getSay()]);
  const done = (await searchParams).done;
  const account = `${user.name}@${user.domain.name}`;
  const issuer = config().MFA_ISSUER;
  const authenticators = mfa.authenticatorIds;

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      </div>
      {isOutcome(done) && <Alert tone={done === "registered" ? "warning" : "success"}>{t(`outcomes.${done}`)}</Alert>}

      <Section id="mfa-status" title={t("statusTitle")}>
        <p className="flex items-center gap-3">
          <span className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${tones[mfa.state]}`}>{t(`states.${mfa.state}.badge`)}</span>
        </p>
        <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">{t(`states.${mfa.state}.text`)}</p>
        {mfa.enforcedBy && <p className="mt-3 text-sm font-medium text-zinc-800 dark:text-zinc-200">{say(mfa.enforcedBy)}</p>}
        {!mfa.turnOff.allowed && !mfa.enforcedBy && <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">{say(mfa.turnOff.reason)}</p>}
        {mfa.rulesInWords.length > 0 && (
          <div className="mt-3 text-sm">
            <p className="font-medium">{t("rulesIntro")}</p>
            <ul className="mt-1 list-disc pl-5 text-zinc-700 dark:text-zinc-300">
              {mfa.rulesInWords.map(say).map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </div>
        )}
        <p className={`mt-3 text-sm ${mfa.applicationCredentials.accepted ? "text-zinc-700 dark:text-zinc-300" : "font-medium text-amber-900 dark:text-amber-200"}`}>
          {say(mfa.applicationCredentials.words)}{" "}
          <Link href="/settings/api-access/application-credentials" className="font-medium text-brand-700 underline dark:text-brand-100">
            {t("appCredentialsLink")}
          </Link>
        </p>
      </Section>

      {enrolment ? (
        <Section id="setup" title={t("setupTitle")}>
          <AuthenticatorSetup
            uri={otpauthUri({ issuer, account, secret: enrolment.secret })}
            groupedKey={groupedSecret(enrolment.secret)}
            account={account}
            labels={await authenticatorSetupLabels(account, issuer)}
          />
          <div className="mt-6 border-t border-zinc-200 pt-5 dark:border-zinc-800">
            {mfa.addingNeedsPasscode && <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">{t("addingNeedsPasscode")}</p>}
            <PasscodeActionForm id="activate-passcode" action={activate} submit={t("activate")} currentPasscode={mfa.addingNeedsPasscode} />
            <form action={cancelSetup} className="mt-3">
              <button type="submit" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">{t("cancelSetup")}</button>
            </form>
          </div>
        </Section>
      ) : (
        <form action={startSetup}>
          <Button type="submit">{t(authenticators.length ? "addAnother" : "setUp")}</Button>
        </form>
      )}

      {authenticators.length > 0 && (
        <Section id="authenticators" title={t("authenticatorsTitle", { count: authenticators.length })}>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {authenticators.map((id, i) => (
              <li key={id} className="py-4 first:pt-0">
                <p className="mb-2 text-sm">
                  <span className="font-medium">{t("authenticator", { number: i + 1 })}</span>{" "}
                  <span className="text-zinc-600 dark:text-zinc-400">{t("authenticatorId", { id: id.slice(-6) })}</span>
                </p>
                <PasscodeActionForm
                  id={`remove-${id}`}
                  action={remove}
                  submit={t("removeAuthenticator", { number: i + 1 })}
                  hidden={{ credentialId: id }}
                  variant="danger"
                  label={t("currentPasscode")}
                />
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="recovery-codes" title={t("recoveryTitle")}>
        <RecoveryCodesPanel status={mfa.recovery} hasAuthenticator={authenticators.length > 0} regenerate={regenerateRecoveryCodes} />
      </Section>

      {mfa.state !== "off" && mfa.turnOff.allowed && (
        <Section id="turn-off" title={t("turnOffTitle")}>
          <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">{t("turnOffText")}</p>
          <PasscodeActionForm id="turn-off-passcode" action={turnOff} submit={t("turnOffTitle")} variant="danger" label={t("currentPasscode")} />
        </Section>
      )}
    </div>
  );
}
