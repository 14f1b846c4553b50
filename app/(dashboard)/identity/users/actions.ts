"use server";
import { z } from "zod";
import type { AdminResult } from "@/lib/admin/mfa-admin";
import { formMessage } from "@/lib/i18n/form-message";
import type { MessageState } from "@/lib/i18n/message";
import { getSay, type Translated } from "@/lib/i18n/server";
import { keystoneId } from "@/lib/keystone/ids";
import { checkbox, manyOf, stateAction } from "@/lib/server-action";
import { adminUseCases } from "@/lib/use-cases";

interface BulkAnswer extends MessageState {
  /** Each user's result, in the administrator's words. */
  results?: (Omit<AdminResult, "message"> & { message: string })[];
}

export type BulkState = Translated<BulkAnswer>;

const CHOOSE = formMessage("admin.users.choose");

const input = z.object({
  action: z.enum(["enforce", "disable", "reset"], CHOOSE),
  id: manyOf(keystoneId).pipe(z.array(keystoneId).min(1, CHOOSE).max(500)),
  requireEnrolment: checkbox,
});

/** Applies one MFA action to the chosen users, one by one; each result says what happened. */
export const applyMfaAction = stateAction({ access: "admin", input }, async ({ action, id, requireEnrolment }, admin): Promise<BulkAnswer> => {
  const admins = adminUseCases();
  const results: AdminResult[] = [];
  for (const userId of new Set(id)) results.push(await admins.run(admin, action, userId, { requireEnrolment }));
  const say = await getSay();
  return { results: results.map((r) => ({ ...r, message: say(r.message) })) };
});
