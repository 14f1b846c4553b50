"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { describeMethod, RULE_METHODS } from "@/lib/mfa/methods";
import { editRulesAction, type DetailState } from "./actions";

/** The user's MFA rules, each in words, with "remove" per rule and a form to add one. */
export function RuleEditor({ userId, rules, enabled, hasAuthenticator }: { userId: string; rules: string[][]; enabled: boolean; hasAuthenticator: boolean }) {
  const [state, action] = useActionState(editRulesAction, {} as DetailState);
  return (
    <div className="space-y-4 text-sm">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {state.message && <Alert tone="success">{state.message}</Alert>}
      {rules.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">No rules: any one method the user has signs them in.</p>
      ) : (
        <>
          {!enabled && <p className="text-amber-800 dark:text-amber-200">MFA is disabled for this user: these rules are kept but not applied.</p>}
          <p>The user signs in with any one of:</p>
          <ul className="space-y-2">
            {rules.map((rule, i) => (
              <li key={rule.join("+")} className="flex items-center justify-between gap-3 rounded-md bg-zinc-50 px-3 py-2 dark:bg-zinc-800">
                <span><code>{rule.join(" + ")}</code>: {rule.map(describeMethod).join(" and ")}</span>
                <form action={action}>
                  <input type="hidden" name="userId" value={userId} />
                  <input type="hidden" name="remove" value={i} />
                  <SubmitButton variant="secondary" className="px-3 py-1">Remove rule {i + 1}</SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      <form action={action} className="space-y-2">
        <input type="hidden" name="userId" value={userId} />
        <fieldset>
          <legend className="font-medium">Add a rule: the user must use all of</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {RULE_METHODS.map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input type="checkbox" name="method" value={m} className="h-4 w-4" />
                {describeMethod(m)}
              </label>
            ))}
          </div>
        </fieldset>
        {!hasAuthenticator && <p className="text-zinc-600 dark:text-zinc-400">A rule with a passcode needs an authenticator first.</p>}
        <SubmitButton variant="secondary">Add rule</SubmitButton>
      </form>
    </div>
  );
}
