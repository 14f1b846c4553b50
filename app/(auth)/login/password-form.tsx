"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { loginWithPassword, type LoginState } from "./actions";

/** The form's words, translated on the server: no catalog reaches the sign-in page's script. */
export interface PasswordFormLabels {
  username: string;
  password: string;
  domain: string;
  /** "Domain: {domain}", the placeholder filled in here. */
  domainSummary: string;
  domainHint: string;
  submit: string;
  pending: string;
}

export function PasswordForm({ next, notice, labels }: { next: string; notice?: React.ReactNode; labels: PasswordFormLabels }) {
  const [state, action] = useActionState(loginWithPassword, {} as LoginState);
  const domain = state.domain ?? "Default";
  const [before, after = ""] = labels.domainSummary.split("{domain}");
  return (
    <form action={action} className="space-y-5" noValidate={false}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : notice}
      <input type="hidden" name="next" value={next} />
      <Field
        label={labels.username}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        defaultValue={state.username}
      />
      <Field label={labels.password} name="password" type="password" autoComplete="current-password" required />
      <details className="group rounded-md" open={domain !== "Default"}>
        <summary className="cursor-pointer select-none text-sm text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
          {before}
          <span className="font-medium">{domain}</span>
          {after}
        </summary>
        <Field
          className="mt-3"
          label={labels.domain}
          name="domain"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={domain}
          hint={labels.domainHint}
        />
      </details>
      <SubmitButton className="w-full" pendingText={labels.pending}>
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
