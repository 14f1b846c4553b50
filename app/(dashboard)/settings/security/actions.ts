"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clearEnrolment, startEnrolment } from "@/lib/mfa/pending-enrolment";
import type { StepResult } from "@/lib/mfa/self-service";
import { formAction, stateAction, type ActionState } from "@/lib/server-action";
import { selfService } from "@/lib/use-cases";

const PAGE = "/settings/security";
const passcode = z.string().max(32).optional();
const credentialId = z.string().regex(/^[0-9a-f]{1,64}$/, "That authenticator does not exist any more.");

function finish(result: StepResult): ActionState {
  if (!result.ok) return { error: result.error };
  redirect(`${PAGE}?done=${result.outcome}`);
}

export const startSetup = formAction({ access: "user", input: z.object({}) }, async (_input, user) => {
  await startEnrolment(user.id);
  redirect(`${PAGE}#setup-section`);
});

export const cancelSetup = formAction({ access: "user", input: z.object({}) }, async () => {
  await clearEnrolment();
  redirect(PAGE);
});

export const activate = stateAction(
  { access: "user", input: z.object({ passcode, currentPasscode: passcode }) },
  async (input, user) => finish(await selfService().activate(user, input)),
);

export const remove = stateAction(
  { access: "user", input: z.object({ credentialId, passcode }) },
  async (input, user) => finish(await selfService().remove(user, input)),
);

export const turnOff = stateAction({ access: "user", input: z.object({ passcode }) }, async (input, user) =>
  finish(await selfService().turnOff(user, input)),
);
