"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server-action";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/**
 * "Delete", then a confirmation in place (a disclosure, so it works with the keyboard and without
 * script): scripts that use the credential stop at once, so it is never one click.
 */
export function DeleteCredential({ action, id, name, hidden = {} }: { action: Action; id: string; name: string; hidden?: Record<string, string> }) {
  const t = useTranslations("appCredentials.delete");
  const [state, formAction] = useActionState(action, {});
  return (
    <details className="group">
      <summary className="inline-flex cursor-pointer list-none items-center rounded-md border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true">{t("open")}</span>
        <span className="sr-only">{t("openNamed", { name })}</span>
      </summary>
      <form action={formAction} className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950">
        {state.error && <p role="alert" className="text-red-800 dark:text-red-200">{state.error}</p>}
        <p>{t("question", { name })}</p>
        <input type="hidden" name="id" value={id} />
        {Object.entries(hidden).map(([field, value]) => <input key={field} type="hidden" name={field} value={value} />)}
        <SubmitButton variant="danger" className="px-3 py-1" pendingText={t("pending")}>{t("confirm", { name })}</SubmitButton>
      </form>
    </details>
  );
}
