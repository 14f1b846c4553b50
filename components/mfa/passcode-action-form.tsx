"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: { error?: string }, form: FormData) => Promise<{ error?: string }>;

const passcodeInput = {
  inputMode: "numeric",
  autoComplete: "one-time-code",
  required: true,
  maxLength: 16,
  className: "w-44 [&_input]:font-mono [&_input]:tracking-widest",
} as const;

/**
 * A passcode and one button: activating, removing an authenticator, turning MFA off. With
 * `currentPasscode`, a second passcode from an authenticator the user already has (adding another).
 */
export function PasscodeActionForm({
  action,
  submit,
  id,
  hidden,
  variant = "primary",
  label,
  currentPasscode = false,
}: {
  action: Action;
  submit: string;
  id: string;
  hidden?: Record<string, string>;
  variant?: "primary" | "danger";
  label?: string;
  currentPasscode?: boolean;
}) {
  const t = useTranslations("forms");
  const [state, formAction] = useActionState(action, {});
  const passcode = label ?? t("passcode");
  return (
    <form action={formAction} className="space-y-3">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <Field id={id} label={currentPasscode ? t("passcodeFromNewApp") : passcode} name="passcode" {...passcodeInput} />
        {currentPasscode && <Field id={`${id}-current`} label={t("currentPasscode")} name="currentPasscode" {...passcodeInput} />}
        <SubmitButton variant={variant}>{submit}</SubmitButton>
      </div>
    </form>
  );
}
