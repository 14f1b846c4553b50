"use server";
import { z } from "zod";
import { runAdminAction, type AdminResult } from "@/lib/admin/mfa-admin";
import { keystoneId } from "@/lib/keystone/ids";
import { requireAdmin } from "@/lib/session";

export interface BulkState {
  results?: AdminResult[];
  error?: string;
}

const input = z.object({
  action: z.enum(["enforce", "disable", "reset"]),
  ids: z.array(keystoneId).min(1).max(500),
  requireEnrolment: z.boolean(),
});

/** Applies one MFA action to the chosen users, one by one; each result says what happened. */
export async function applyMfaAction(_prev: BulkState, form: FormData): Promise<BulkState> {
  const admin = await requireAdmin();
  const parsed = input.safeParse({
    action: form.get("action"),
    ids: form.getAll("id"),
    requireEnrolment: form.get("requireEnrolment") === "on",
  });
  if (!parsed.success) return { error: "Choose an action and at least one user." };
  const { action, ids, requireEnrolment } = parsed.data;
  const results: AdminResult[] = [];
  for (const id of new Set(ids)) results.push(await runAdminAction(admin, action, id, { requireEnrolment }));
  return { results };
}
