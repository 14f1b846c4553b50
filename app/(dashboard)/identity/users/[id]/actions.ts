"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { message, type Message } from "@/lib/i18n/message";
import { getSay, type Translated } from "@/lib/i18n/server";
import { keystoneId } from "@/lib/keystone/ids";
import { RULE_METHODS } from "@/lib/mfa/methods";
import { manyOf, stateAction } from "@/lib/server-action";
import { adminApplicationCredentialUseCases, adminUseCases } from "@/lib/use-cases";

interface DetailAnswer {
  error?: Message;
  message?: string;
}

export type DetailState = Translated<DetailAnswer>;

/** A result's message in the administrator's words (errors are translated by the pipeline). */
async function done(result: { error?: Message; message?: Message }): Promise<DetailAnswer> {
  return { error: result.error, ...(result.message ? { message: (await getSay())(result.message) } : {}) };
}

export const removeAuthenticatorAction = stateAction(
  { access: "admin", input: z.object({ userId: keystoneId, credentialId: keystoneId }) },
  async ({ userId, credentialId }, admin) => {
    const result = await adminUseCases().removeAuthenticator(admin, userId, credentialId);
    revalidatePath(`/identity/users/${userId}`);
    return done(result);
  },
);

const ruleInput = z.object({
  userId: keystoneId,
  remove: z.coerce.number().int().min(0).max(100).optional(),
  method: manyOf(z.enum(RULE_METHODS)),
});

/** Adds a rule (a set of methods) or removes one, by index. */
export const editRulesAction = stateAction({ access: "admin", input: ruleInput }, async ({ userId, remove, method }, admin): Promise<DetailAnswer> => {
  // One method alone needs no rule, except an application credential: that rule keeps scripts working under MFA.
  const alone = method.length === 1 && method[0] === "application_credential";
  if (remove === undefined && method.length < 2 && !alone) return { error: message("admin.user.pickTwo") };
  const change = remove === undefined ? { add: method } : { remove };
  const result = await adminUseCases().editRules(admin, userId, change);
  revalidatePath(`/identity/users/${userId}`);
  return done(result);
});

/** Deletes one of the user's application credentials: scripts that use it stop at once. */
export const deleteApplicationCredentialAction = stateAction(
  { access: "admin", input: z.object({ userId: keystoneId, id: keystoneId }) },
  async ({ userId, id }, admin) => {
    const result = await adminApplicationCredentialUseCases().remove(admin, userId, id);
    revalidatePath(`/identity/users/${userId}`);
    return done(result);
  },
);
