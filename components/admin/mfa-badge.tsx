import { getTranslations } from "next-intl/server";
import type { MfaState } from "@/lib/mfa/state";

const tones: Record<MfaState, string> = {
  enforced: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  registered: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  off: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100",
};

export async function MfaBadge({ state, enrolmentPending = false }: { state: MfaState; enrolmentPending?: boolean }) {
  const t = await getTranslations("admin.badge");
  return (
    <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tones[state]}`}>
      {enrolmentPending ? t("enrolmentPending") : t(state)}
    </span>
  );
}
