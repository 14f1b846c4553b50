import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { LoginError, loginMessage } from "@/lib/auth/login-errors";
import { getSay } from "@/lib/i18n/server";
import { StartOver } from "./start-over-button";

/** The passcode and recovery steps while the user's passcode limit is reached. */
export async function SignInPaused({ seconds }: { seconds: number }) {
  const [t, say] = await Promise.all([getTranslations("passcode"), getSay()]);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("pausedTitle")}</h1>
      <Alert tone="error">{say(loginMessage(new LoginError("blocked", seconds)))}</Alert>
      <StartOver />
    </>
  );
}
