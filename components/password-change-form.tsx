"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { PasswordChangeState } from "@/lib/auth/password-change-errors";

type Action = (prev: PasswordChangeState, form: FormData) => Promise<PasswordChangeState>;

/** Current, new and confirmed password; used in Settings and for an expired password at login. */
export function PasswordChangeForm({ action, className = "" }: { action: Action; className?: string }) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className={`space-y-5 ${className}`}>
      {/* A field's own message shows beside it; the alert is for the rest. */}
      {state.error && !state.fieldErrors && <Alert tone="error">{state.error}</Alert>}
      <Field label="Current password" name="current" type="password" autoComplete="current-password" required error={errors.current} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required error={errors.password} />
      <Field label="Confirm new password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
