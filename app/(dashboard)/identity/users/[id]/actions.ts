"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { keystoneId } from "@/lib/keystone/ids";
import { RULE_METHODS } from "@/lib/mfa/methods";
import { manyOf, stateAction } from "@/lib/server-action";
import { adminApplicationCredentialUseCases, adminUseCases } from "@/lib/use-cases";

export interface DetailState {
  error?: string;
  message?: string;
}

export const removeAuthenticatorAction = stateAction(
  { access: "admin", input: z.object({ userId: keystoneId, credentialId: keystoneId }) },
  async ({ userId, credentialId }, admin): Promise<DetailState> => {
    const result = await adminUseCases().removeAuthenticator(admin, userId, credentialId);
    revalidatePath(`/identity/users/${userId}`);
    return result;
  },
);

const ruleInput = z.object({
  userId: keystoneId,
  remove: z.coerce.number().int().min(0).max(100).optional(),
  method: manyOf(z.enum(RULE_METHODS)),
});

/** Adds a rule (a set of methods) or removes one, by index. */
export const editRulesAction = stateAction({ access: "admin", input: ruleInput }, async ({ userId, remove, method }, admin): Promise<DetailState> => {
  // One method alone needs no rule, except an application credential: that rule keeps scripts working under MFA.
  const alone = method.length === 1 && method[0] === "application_credential";
  if (remove === undefined && method.length < 2 && !alone) return { error: "Pick at least two methods, or an application credential alone: one other method alone needs no rule." };
  const change = remove === undefined ? { add: method } : { remove };
  const result = await adminUseCases().editRules(admin, userId, change);
  revalidatePath(`/identity/users/${userId}`);
  return result;
});

/** Deletes one of the user's application credentials: scripts that use it stop at once. */
export const deleteApplicationCredentialAction = stateAction(
  { access: "admin", input: z.object({ userId: keystoneId, id: keystoneId }) },
  async ({ userId, id }, admin): Promise<DetailState> => {
    const result = await adminApplicationCredentialUseCases().remove(admin, userId, id);
    revalidatePath(`/identity/users/${userId}`);
    return result;
  },
);
