"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: { error?: string }, form: FormData) => Promise<{ error?: string }>;

/** A passcode and one button: activating, removing an authenticator, turning MFA off. */
export function PasscodeActionForm({
  action,
  submit,
  id,
  hidden,
  variant = "primary",
  label = "Passcode",
}: {
  action: Action;
  submit: string;
  id: string;
  hidden?: Record<string, string>;
  variant?: "primary" | "danger";
  label?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <Field
          id={id}
          label={label}
          name="passcode"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={16}
          className="w-44 [&_input]:font-mono [&_input]:tracking-widest"
        />
        <SubmitButton variant={variant}>{submit}</SubmitButton>
      </div>
    </form>
  );
}
