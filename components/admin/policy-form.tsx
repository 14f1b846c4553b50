"use client";
import { useActionState } from "react";
import { setPolicyAction, type PolicyState } from "@/app/(dashboard)/identity/policy-actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Turns "Require MFA" on or off for a group or domain, saying first what will happen. */
export function PolicyForm({ kind, id, required, nonCompliant }: { kind: "group" | "domain"; id: string; required: boolean; nonCompliant: number }) {
  const [state, action] = useActionState(setPolicyAction, {} as PolicyState);
  return (
    <form action={action} className="space-y-3 text-sm">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {state.done && (
        <Alert tone="success">
          {state.done.required
            ? `MFA is now required. ${state.done.results.filter((r) => r.ok).length} member(s) changed; members without an authenticator set one up at their next sign-in.`
            : "MFA is no longer required for new members. Members keep their current MFA settings."}
          {state.done.skipped.map((name) => (
            <span key={name} className="mt-1 block">
              {name} was skipped: it is the dashboard&apos;s service account, which signs in with its password alone (MFA would lock it out).
            </span>
          ))}
        </Alert>
      )}
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="required" value={String(!required)} />
      <p className="text-zinc-700 dark:text-zinc-300">
        {required
          ? `Every member of this ${kind} must sign in with a passcode. Stopping it changes no member's settings; it only stops applying MFA to members who join later.`
          : `Requiring MFA enforces password + passcode on every member of this ${kind} now (${nonCompliant} not yet compliant): members with an authenticator at once, the others set one up at their next sign-in. Members who join later are covered when they next sign in.`}
      </p>
      <SubmitButton variant={required ? "danger" : "primary"}>{required ? "Stop requiring MFA" : "Require MFA"}</SubmitButton>
    </form>
  );
}
