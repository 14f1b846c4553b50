"use server";
import { z } from "zod";
import type { AdminResult } from "@/lib/admin/mfa-admin";
import { keystoneId } from "@/lib/keystone/ids";
import { checkbox, manyOf, stateAction } from "@/lib/server-action";
import { adminUseCases } from "@/lib/use-cases";

export interface BulkState {
  results?: AdminResult[];
  error?: string;
}

const CHOOSE = "Choose an action and at least one user.";

const input = z.object({
  action: z.enum(["enforce", "disable", "reset"], CHOOSE),
  id: manyOf(keystoneId).pipe(z.array(keystoneId).min(1, CHOOSE).max(500)),
  requireEnrolment: checkbox,
});

/** Applies one MFA action to the chosen users, one by one; each result says what happened. */
export const applyMfaAction = stateAction({ access: "admin", input }, async ({ action, id, requireEnrolment }, admin): Promise<BulkState> => {
  const admins = adminUseCases();
  const results: AdminResult[] = [];
  for (const userId of new Set(id)) results.push(await admins.run(admin, action, userId, { requireEnrolment }));
  return { results };
});
