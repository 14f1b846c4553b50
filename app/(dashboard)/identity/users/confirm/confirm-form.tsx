"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { applyMfaAction, type BulkState } from "../actions";

export function ConfirmForm({ action, ids, confirmLabel, offerEnrolment }: { action: string; ids: string[]; confirmLabel: string; offerEnrolment: boolean }) {
  const t = useTranslations("admin.confirm");
  const [state, formAction] = useActionState(applyMfaAction, {} as BulkState);
  if (state.results) {
    return (
      <div className="space-y-3">
        <h2 className="text-base font-semibold">{t("result")}</h2>
        <ul className="space-y-2">
          {state.results.map((r) => (
            <li key={r.userId}>
              <Alert tone={r.ok ? "success" : "error"}>
                {t.rich("resultLine", { user: r.userName, message: r.message, name: (chunks) => <span className="font-medium">{chunks}</span> })}
              </Alert>
            </li>
          ))}
        </ul>
        <Link href="/identity/users" className="inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">{t("back")}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="action" value={action} />
      {ids.map((id) => <input key={id} type="hidden" name="id" value={id} />)}
      {offerEnrolment && (
        <div className="flex items-start gap-2 text-sm">
          <input id="requireEnrolment" name="requireEnrolment" type="checkbox" className="mt-0.5 h-4 w-4" />
          <label htmlFor="requireEnrolment">
            {t("requireEnrolment")}
          </label>
        </div>
      )}
      <div className="flex items-center gap-4">
        <SubmitButton variant={action === "enforce" ? "primary" : "danger"}>{confirmLabel}</SubmitButton>
        <Link href="/identity/users" className="text-sm hover:underline">{t("cancel")}</Link>
      </div>
    </form>
  );
}
