"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setPolicyAction, type PolicyState } from "@/app/(dashboard)/identity/policy-actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Turns "Require MFA" on or off for a group or domain, saying first what will happen. */
export function PolicyForm({ kind, id, required, nonCompliant }: { kind: "group" | "domain"; id: string; required: boolean; nonCompliant: number }) {
  const t = useTranslations("admin.policy");
  const [state, action] = useActionState(setPolicyAction, {} as PolicyState);
  return (
    <form action={action} className="space-y-3 text-sm">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {state.done && (
        <Alert tone="success">
          {state.done.required ? t("nowRequired", { count: state.done.results.filter((r) => r.ok).length }) : t("noLongerRequired")}
          {state.done.skipped.map((name) => (
            <span key={name} className="mt-1 block">
              {t("skipped", { name })}
            </span>
          ))}
        </Alert>
      )}
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="required" value={String(!required)} />
      <p className="text-zinc-700 dark:text-zinc-300">
        {required ? t("requiredText", { kind }) : t("notRequiredText", { kind, count: nonCompliant })}
      </p>
      <SubmitButton variant={required ? "danger" : "primary"}>{t(required ? "stop" : "require")}</SubmitButton>
    </form>
  );
}
