"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { removeAuthenticatorAction, type DetailState } from "./actions";

export function RemoveAuthenticator({ userId, credentialId, label }: { userId: string; credentialId: string; label: string }) {
  const [state, action] = useActionState(removeAuthenticatorAction, {} as DetailState);
  return (
    <form action={action} className="flex items-center gap-3">
      {state.error && <span role="alert" className="text-sm text-red-700 dark:text-red-400">{state.error}</span>}
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="credentialId" value={credentialId} />
      <SubmitButton variant="danger" className="px-3 py-1">{label}</SubmitButton>
    </form>
  );
}
