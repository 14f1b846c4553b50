"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { startEnrolment, clearEnrolment } from "@/lib/mfa/pending-enrolment";
import { activateAuthenticator, removeAuthenticator, turnOffMfa, type StepResult } from "@/lib/mfa/self-service";
import { requireUser } from "@/lib/session";

export interface SecurityState {
  error?: string;
}

const PAGE = "/settings/security";
const credentialId = z.string().regex(/^[0-9a-f]{1,64}$/);

function finish(result: StepResult): SecurityState {
  if (!result.ok) return { error: result.error };
  redirect(`${PAGE}?done=${result.outcome}`);
}

export async function startSetup(): Promise<void> {
  const user = await requireUser();
  await startEnrolment(user.id);
  redirect(`${PAGE}#setup-section`);
}

export async function cancelSetup(): Promise<void> {
  await requireUser();
  await clearEnrolment();
  redirect(PAGE);
}

export async function activate(_prev: SecurityState, form: FormData): Promise<SecurityState> {
  const user = await requireUser();
  return finish(await activateAuthenticator(user.keystoneToken, user.id, form.get("passcode")));
}

export async function remove(_prev: SecurityState, form: FormData): Promise<SecurityState> {
  const user = await requireUser();
  const id = credentialId.safeParse(form.get("credentialId"));
  if (!id.success) return { error: "That authenticator does not exist any more." };
  return finish(await removeAuthenticator(user.keystoneToken, user.id, id.data, form.get("passcode")));
}

export async function turnOff(_prev: SecurityState, form: FormData): Promise<SecurityState> {
  const user = await requireUser();
  return finish(await turnOffMfa(user.keystoneToken, user.id, form.get("passcode")));
}
