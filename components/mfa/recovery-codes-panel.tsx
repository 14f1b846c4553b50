import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { getSay } from "@/lib/i18n/server";
import { FEW_CODES_LEFT } from "@/lib/mfa/recovery-codes";
import { RECOVERY_NOT_OFFERED, type RecoveryStatus } from "@/lib/mfa/self-service";
import { PasscodeActionForm } from "./passcode-action-form";

type Action = (prev: { error?: string }, form: FormData) => Promise<{ error?: string }>;

/** Settings > Security: how many recovery codes are left, and a new set for a current passcode. */
export async function RecoveryCodesPanel({ status, hasAuthenticator, regenerate }: { status: RecoveryStatus; hasAuthenticator: boolean; regenerate: Action }) {
  const [t, say] = await Promise.all([getTranslations("security.recovery"), getSay()]);
  const text = "text-sm text-zinc-700 dark:text-zinc-300";
  if (!status.offered) return <p className={text}>{say(RECOVERY_NOT_OFFERED)}</p>;
  if (!hasAuthenticator) return <p className={text}>{t("noAuthenticator", { count: 10 })}</p>;
  const { summary } = status;
  return (
    <div className="space-y-3">
      <p className="font-medium">{summary ? t("left", { left: summary.left, total: summary.total }) : t("none")}</p>
      {summary && summary.left <= FEW_CODES_LEFT && <Alert tone="warning">{t("few", { count: summary.left })}</Alert>}
      <p className={text}>{t(summary ? "explainReplace" : "explainMake")}</p>
      <PasscodeActionForm
        id="recovery-codes-passcode"
        action={regenerate}
        submit={t(summary ? "regenerate" : "generate")}
        label={t("currentPasscode")}
      />
    </div>
  );
}
