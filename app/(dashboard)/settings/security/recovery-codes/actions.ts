"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { freshRecoveryCodes } from "@/lib/mfa/fresh-recovery-codes";
import { message, type MessageState } from "@/lib/i18n/message";
import { checkbox, stateAction } from "@/lib/server-action";

const SAY_SAVED = message("recoveryCodes.saySaved");

/** The user saved their new recovery codes: they are dropped from the browser, and the user goes on. */
export const confirmRecoveryCodesSaved = stateAction(
  { access: "user", input: z.object({ saved: checkbox, next: z.string().max(2048).default("/settings/security") }) },
  async ({ saved, next }): Promise<MessageState> => {
    if (!saved) return { error: SAY_SAVED, fieldErrors: { saved: SAY_SAVED } };
    await freshRecoveryCodes.clear();
    redirect(safeNextPath(next));
  },
);
