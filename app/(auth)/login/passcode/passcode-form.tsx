"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { activateAtLogin, verifyPasscode, type PasscodeState } from "../actions";
import { Countdown, type CountdownLabels } from "./countdown";

/** The form's words, translated on the server. */
export interface PasscodeFormLabels {
  passcode: string;
  hint: string;
  submit: string;
  pending: string;
  countdown: CountdownLabels;
}

/** The passcode step; with `enrol`, the passcode also activates the authenticator just set up. */
export function PasscodeForm({ next, expiresAt, enrol = false, locale, labels }: { next: string; expiresAt: string; enrol?: boolean; locale: string; labels: PasscodeFormLabels }) {
  const [state, action] = useActionState(enrol ? activateAtLogin : verifyPasscode, {} as PasscodeState);
  return (
    <form action={action} className="space-y-5">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="next" value={next} />
      <Field
        label={labels.passcode}
        name="passcode"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
        maxLength={16}
        placeholder="123 456"
        className="[&_input]:text-center [&_input]:font-mono [&_input]:text-lg [&_input]:tracking-[0.3em]"
        hint={labels.hint}
      />
      <Countdown expiresAt={expiresAt} locale={locale} labels={labels.countdown} />
      <SubmitButton className="w-full" pendingText={labels.pending}>
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
