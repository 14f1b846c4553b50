"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePassword, type PasswordState } from "./actions";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePassword, {} as PasswordState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-md space-y-5">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Field label="Current password" name="current" type="password" autoComplete="current-password" required error={errors.current} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required error={errors.password} />
      <Field label="Confirm new password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
