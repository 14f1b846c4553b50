"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { PasswordChangeState } from "@/lib/auth/password-change-errors";
import type { Translated } from "@/lib/i18n/server";

type State = Translated<PasswordChangeState>;
type Action = (prev: State, form: FormData) => Promise<State>;

/** The form's words, translated on the server (it is shown on a sign-in page too). */
export interface PasswordChangeLabels {
  current: string;
  password: string;
  confirm: string;
  submit: string;
  pending: string;
}

/** Current, new and confirmed password; used in Settings and for an expired password at login. */
export function PasswordChangeForm({ action, labels, className = "" }: { action: Action; labels: PasswordChangeLabels; className?: string }) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className={`space-y-5 ${className}`}>
      {/* A field's own message shows beside it; the alert is for the rest. */}
      {state.error && !state.fieldErrors && <Alert tone="error">{state.error}</Alert>}
      <Field label={labels.current} name="current" type="password" autoComplete="current-password" required error={errors.current} />
      <Field label={labels.password} name="password" type="password" autoComplete="new-password" required error={errors.password} />
      <Field label={labels.confirm} name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <SubmitButton pendingText={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
