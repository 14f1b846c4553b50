"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { loginWithPassword, type LoginState } from "./actions";

export function PasswordForm({ next, notice }: { next: string; notice?: React.ReactNode }) {
  const [state, action] = useActionState(loginWithPassword, {} as LoginState);
  const domain = state.domain ?? "Default";
  return (
    <form action={action} className="space-y-5" noValidate={false}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : notice}
      <input type="hidden" name="next" value={next} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        defaultValue={state.username}
      />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <details className="group rounded-md" open={domain !== "Default"}>
        <summary className="cursor-pointer select-none text-sm text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
          Domain: <span className="font-medium">{domain}</span>
        </summary>
        <Field
          className="mt-3"
          label="Domain"
          name="domain"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={domain}
          hint="The Keystone domain of your account. Most users are in Default."
        />
      </details>
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
