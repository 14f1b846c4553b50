import "server-only";
import { getLocale, getTranslations } from "next-intl/server";

/**
 * The words of the sign-in steps' client components, translated on the server and passed as
 * props: the sign-in pages ship no catalog and no formatting library to the browser.
 */
export async function passcodeStepLabels(enrol: boolean) {
  const [t, locale] = await Promise.all([getTranslations("passcode"), getLocale()]);
  const countdown = { timeLeft: t.raw("timeLeft") as string, expired: t("expired") };
  return {
    locale,
    passcode: { passcode: t("label"), hint: t("hint"), submit: t(enrol ? "activate" : "verify"), pending: t("pending"), countdown },
    recovery: { code: t("recoveryLabel"), hint: t("recoveryHint"), submit: t("recoverySubmit"), pending: t("recoveryPending"), countdown },
  };
}

/** The QR code and setup key, on the sign-in card and the Security page. */
export async function authenticatorSetupLabels(account: string, issuer: string) {
  const t = await getTranslations("setup");
  return {
    qrTitle: t("qrTitle", { account, issuer }),
    steps: [t("step1"), t("step2"), t("step3")] as [string, string, string],
    setupKey: t("setupKey"),
    copy: t("copy"),
    copied: t("copied"),
    account: t("account"),
    type: t("type"),
    typeValue: t("typeValue"),
    algorithm: t("algorithm"),
    digits: t("digits"),
    period: t("period"),
    periodValue: t("periodValue", { count: 30 }),
  };
}

/** The change-password form, in Settings and for an expired password at sign-in. */
export async function passwordChangeLabels() {
  const t = await getTranslations("password");
  return { current: t("current"), password: t("new"), confirm: t("confirm"), submit: t("submit"), pending: t("pending") };
}
