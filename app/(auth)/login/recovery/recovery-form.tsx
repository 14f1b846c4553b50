"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { redeemRecoveryCode, type PasscodeState } from "../actions";
import { Countdown } from "../passcode/countdown";

/** One recovery code in place of the passcode. */
export function RecoveryForm({ next, expiresAt }: { next: string; expiresAt: string }) {
  const [state, action] = useActionState(redeemRecoveryCode, {} as PasscodeState);
  return (
    <form action={action} className="space-y-5">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="next" value={next} />
      <Field
        label="Recovery code"
        name="code"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus
        required
        maxLength={32}
        placeholder="k7m2q-x9p4t"
        className="[&_input]:text-center [&_input]:font-mono [&_input]:text-lg [&_input]:tracking-widest"
        hint="10 letters and digits; the dash and capitals do not matter."
      />
      <Countdown expiresAt={expiresAt} />
      <SubmitButton className="w-full" pendingText="Checking…">
        Use recovery code
      </SubmitButton>
    </form>
  );
}
