"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: { error?: string }, form: FormData) => Promise<{ error?: string }>;

/** "I have saved them": the codes leave the browser, and the user goes on to `next`. */
export function SavedConfirmation({ action, next }: { action: Action; next: string }) {
  const t = useTranslations("recoveryCodes");
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="next" value={next} />
      <div className="flex items-start gap-3">
        <input id="codes-saved" name="saved" type="checkbox" required className="mt-0.5 h-4 w-4 rounded border-zinc-400 accent-brand-600" />
        <label htmlFor="codes-saved" className="text-sm font-medium">
          {t("savedLabel")}
        </label>
      </div>
      <SubmitButton>{t("continue")}</SubmitButton>
    </form>
  );
}
