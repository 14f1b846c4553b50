"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { AdminResult } from "@/lib/admin/mfa-admin";
import { keystoneId } from "@/lib/keystone/ids";
import { stateAction } from "@/lib/server-action";
import { policyUseCases } from "@/lib/use-cases";

export interface PolicyState {
  error?: string;
  done?: { required: boolean; results: AdminResult[]; skipped: string[] };
}

const input = z.object({
  kind: z.enum(["group", "domain"], "Unknown group or domain."),
  id: keystoneId,
  required: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const setPolicyAction = stateAction({ access: "admin", input }, async ({ kind, id, required }, admin): Promise<PolicyState> => {
  const outcome = await policyUseCases().setPolicy(admin, { kind, id }, required);
  revalidatePath(`/identity/${kind}s/${id}`);
  return { done: { required, ...outcome } };
});
