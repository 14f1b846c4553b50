"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { editRulesAction, type DetailState } from "./actions";

/** The user's MFA rules (each with its words, translated on the server), "remove" per rule, and a form to add one. */
export function RuleEditor({ userId, rules, methods, enabled, hasAuthenticator }: {
  userId: string;
  rules: { methods: string[]; words: string }[];
  /** The methods a new rule may use, with their names. */
  methods: { value: string; label: string }[];
  enabled: boolean;
  hasAuthenticator: boolean;
}) {
  const t = useTranslations("admin.rules");
  const [state, action] = useActionState(editRulesAction, {} as DetailState);
  return (
    <div className="space-y-4 text-sm">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {state.message && <Alert tone="success">{state.message}</Alert>}
      {rules.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">{t("none")}</p>
      ) : (
        <>
          {!enabled && <p className="text-amber-800 dark:text-amber-200">{t("disabled")}</p>}
          <p>{t("anyOf")}</p>
          <ul className="space-y-2">
            {rules.map((rule, i) => (
              <li key={rule.methods.join("+")} className="flex items-center justify-between gap-3 rounded-md bg-zinc-50 px-3 py-2 dark:bg-zinc-800">
                <span><code>{rule.methods.join(" + ")}</code>: {rule.words}</span>
                <form action={action}>
                  <input type="hidden" name="userId" value={userId} />
                  <input type="hidden" name="remove" value={i} />
                  <SubmitButton variant="secondary" className="px-3 py-1">{t("remove", { number: i + 1 })}</SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      <form action={action} className="space-y-2">
        <input type="hidden" name="userId" value={userId} />
        <fieldset>
          <legend className="font-medium">{t("addLegend")}</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {methods.map((m) => (
              <label key={m.value} className="flex items-center gap-2">
                <input type="checkbox" name="method" value={m.value} className="h-4 w-4" />
                {m.label}
              </label>
            ))}
          </div>
        </fieldset>
        {!hasAuthenticator && <p className="text-zinc-600 dark:text-zinc-400">{t("needsAuthenticator")}</p>}
        <SubmitButton variant="secondary">{t("add")}</SubmitButton>
      </form>
    </div>
  );
}
