"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { METHODS, removeUserAuthenticator, setUserRules } from "@/lib/admin/user-detail";
import { keystoneId } from "@/lib/keystone/ids";
import { requireAdmin } from "@/lib/session";

export interface DetailState {
  error?: string;
  message?: string;
}

export async function removeAuthenticatorAction(_prev: DetailState, form: FormData): Promise<DetailState> {
  const admin = await requireAdmin();
  const userId = keystoneId.safeParse(form.get("userId"));
  const credentialId = keystoneId.safeParse(form.get("credentialId"));
  if (!userId.success || !credentialId.success) return { error: "That authenticator does not exist any more." };
  const result = await removeUserAuthenticator(admin, userId.data, credentialId.data);
  revalidatePath(`/identity/users/${userId.data}`);
  return result;
}

const ruleInput = z.object({
  userId: keystoneId,
  rule: z.array(z.enum(METHODS)).min(2, "Pick at least two methods: one method alone needs no rule."),
});

/** Adds a rule (a set of methods) or removes one, by index. */
export async function editRulesAction(_prev: DetailState, form: FormData): Promise<DetailState> {
  const admin = await requireAdmin();
  const userId = keystoneId.safeParse(form.get("userId"));
  if (!userId.success) return { error: "Unknown user." };
  const removeIndex = form.get("remove");
  if (typeof removeIndex === "string") {
    const result = await setUserRules(admin, userId.data, { remove: Number(removeIndex) });
    revalidatePath(`/identity/users/${userId.data}`);
    return result;
  }
  const parsed = ruleInput.safeParse({ userId: form.get("userId"), rule: form.getAll("method") });
  if (!parsed.success) return { error: parsed.error.issues[0].message };
  const result = await setUserRules(admin, userId.data, { add: parsed.data.rule });
  revalidatePath(`/identity/users/${userId.data}`);
  return result;
}
