"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { redeemRecoveryCode, type PasscodeState } from "../actions";
import { Countdown, type CountdownLabels } from "../passcode/countdown";

/** The form's words, translated on the server. */
export interface RecoveryFormLabels {
  code: string;
  hint: string;
  submit: string;
  pending: string;
  countdown: CountdownLabels;
}

/** One recovery code in place of the passcode. */
export function RecoveryForm({ next, expiresAt, locale, labels }: { next: string; expiresAt: string; locale: string; labels: RecoveryFormLabels }) {
  const [state, action] = useActionState(redeemRecoveryCode, {} as PasscodeState);
  return (
    <form action={action} className="space-y-5">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="next" value={next} />
      <Field
        label={labels.code}
        name="code"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus
        required
        maxLength={32}
        placeholder="k7m2q-x9p4t"
        className="[&_input]:text-center [&_input]:font-mono [&_input]:text-lg [&_input]:tracking-widest"
        hint={labels.hint}
      />
      <Countdown expiresAt={expiresAt} locale={locale} labels={labels.countdown} />
      <SubmitButton className="w-full" pendingText={labels.pending}>
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
