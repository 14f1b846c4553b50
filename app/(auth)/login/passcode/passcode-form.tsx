"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { activateAtLogin, verifyPasscode, type PasscodeState } from "../actions";
import { Countdown } from "./countdown";

/** The passcode step; with `enrol`, the passcode also activates the authenticator just set up. */
export function PasscodeForm({ next, expiresAt, enrol = false }: { next: string; expiresAt: string; enrol?: boolean }) {
  const [state, action] = useActionState(enrol ? activateAtLogin : verifyPasscode, {} as PasscodeState);
  return (
    <form action={action} className="space-y-5">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="next" value={next} />
      <Field
        label="Passcode"
        name="passcode"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
        maxLength={16}
        placeholder="123 456"
        className="[&_input]:text-center [&_input]:font-mono [&_input]:text-lg [&_input]:tracking-[0.3em]"
        hint="Spaces and dashes are fine."
      />
      <Countdown expiresAt={expiresAt} />
      <SubmitButton className="w-full" pendingText="Verifying…">
        {enrol ? "Activate" : "Verify"}
      </SubmitButton>
    </form>
  );
}
