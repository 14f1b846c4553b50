"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { AdminResult } from "@/lib/admin/mfa-admin";
import { setPolicy } from "@/lib/admin/policies";
import { isKeystoneError } from "@/lib/keystone";
import { keystoneId } from "@/lib/keystone/ids";
import { requireAdmin } from "@/lib/session";

export interface PolicyState {
  error?: string;
  done?: { required: boolean; results: AdminResult[] };
}

const input = z.object({
  kind: z.enum(["group", "domain"]),
  id: keystoneId,
  required: z.enum(["true", "false"]),
});

export async function setPolicyAction(_prev: PolicyState, form: FormData): Promise<PolicyState> {
  const admin = await requireAdmin();
  const parsed = input.safeParse({ kind: form.get("kind"), id: form.get("id"), required: form.get("required") });
  if (!parsed.success) return { error: "Unknown group or domain." };
  const { kind, id, required } = parsed.data;
  try {
    const results = await setPolicy(admin, { kind, id }, required === "true");
    revalidatePath(`/identity/${kind}s/${id}`);
    return { done: { required: required === "true", results } };
  } catch (e) {
    if (isKeystoneError(e)) return { error: `Keystone refused the change (${e.kind}).` };
    throw e;
  }
}
