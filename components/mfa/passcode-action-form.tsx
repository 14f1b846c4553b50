"use client";
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
  label = "Passcode",
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
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <Field id={id} label={currentPasscode ? `${label} from the new app` : label} name="passcode" {...passcodeInput} />
        {currentPasscode && <Field id={`${id}-current`} label="Current passcode" name="currentPasscode" {...passcodeInput} />}
        <SubmitButton variant={variant}>{submit}</SubmitButton>
      </div>
    </form>
  );
}
