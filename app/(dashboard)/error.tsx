"use client";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Shown instead of a stack trace when a page cannot be built, most often because Keystone is away. */
export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("dashboardError");
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <Alert tone="error">{t("text")}</Alert>
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
