"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session-user";
import { freshRecoveryCodes, recoveryCodesPage } from "@/lib/mfa/fresh-recovery-codes";
import { clearEnrolment, startEnrolment } from "@/lib/mfa/pending-enrolment";
import type { StepResult } from "@/lib/mfa/self-service";
import { formMessage } from "@/lib/i18n/form-message";
import type { MessageState } from "@/lib/i18n/message";
import { formAction, stateAction } from "@/lib/server-action";
import { selfService } from "@/lib/use-cases";

const PAGE = "/settings/security";
const passcode = z.string().max(32).optional();
const credentialId = z.string().regex(/^[0-9a-f]{1,64}$/, formMessage("security.errors.authenticatorGone"));

/** The step's message on the Security page; new recovery codes are shown first, once. */
async function finish(result: StepResult, user: SessionUser): Promise<MessageState> {
  if (!result.ok) return { error: result.error };
  const done = `${PAGE}?done=${result.outcome}`;
  if (result.recoveryCodes) {
    await freshRecoveryCodes.keep(user.id, result.recoveryCodes);
    redirect(recoveryCodesPage(done));
  }
  redirect(done);
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
  async (input, user) => finish(await selfService().activate(user, input), user),
);

export const remove = stateAction(
  { access: "user", input: z.object({ credentialId, passcode }) },
  async (input, user) => finish(await selfService().remove(user, input), user),
);

export const turnOff = stateAction({ access: "user", input: z.object({ passcode }) }, async (input, user) =>
  finish(await selfService().turnOff(user, input), user),
);

export const regenerateRecoveryCodes = stateAction({ access: "user", input: z.object({ passcode }) }, async (input, user) =>
  finish(await selfService().regenerateRecoveryCodes(user, input), user),
);
