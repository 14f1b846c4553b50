import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { FEW_CODES_LEFT } from "@/lib/mfa/recovery-codes";
import type { RecoverySummary } from "@/lib/mfa/recovery";

/** Identity > Users > user: how many of the user's recovery codes are left (never the codes). */
export async function RecoveryCodesCard({ summary }: { summary: RecoverySummary | null }) {
  const t = await getTranslations("admin.recovery");
  return (
    <Card title={t("title")}>
      <p className="text-sm font-medium">
        {summary ? t("left", { left: summary.left, total: summary.total }) : t("none")}
        {summary && summary.left <= FEW_CODES_LEFT && <span className="ml-2 text-amber-800 dark:text-amber-300">{t("few")}</span>}
      </p>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t("explain")}</p>
    </Card>
  );
}
