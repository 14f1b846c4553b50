"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { CreateForm } from "@/lib/app-credentials/form";
import type { Created } from "@/lib/app-credentials/self-service";
import { formMessage } from "@/lib/i18n/form-message";
import type { MessageState } from "@/lib/i18n/message";
import type { Translated } from "@/lib/i18n/server";
import { checkbox, manyOf, stateAction } from "@/lib/server-action";
import { applicationCredentialUseCases } from "@/lib/use-cases";

const PAGE = "/settings/api-access/application-credentials";

interface CreateAnswer extends MessageState {
  /** Set once, in the answer to the create: the only response that ever carries the secret. */
  created?: Created;
  /** What the create form sent, given back after a refusal so that nothing typed is lost. */
  values?: CreateForm;
}

export type CreateState = Translated<CreateAnswer>;

// Generous bounds: the use case says what is wrong in words; these only stop absurd sizes.
const text = (max: number) => z.string().max(max).default("");
const createInput = z.object({
  name: text(1000),
  description: text(1000),
  expires: text(32),
  role: manyOf(z.string().max(255)),
  unrestricted: checkbox,
  accessRules: text(20_000),
  passcode: z.string().max(32).optional(),
});

export const createApplicationCredential = stateAction({ access: "user", input: createInput }, async (input, user): Promise<CreateAnswer> => {
  const values = { name: input.name, description: input.description, expires: input.expires, roles: input.role, unrestricted: input.unrestricted, accessRules: input.accessRules };
  const result = await applicationCredentialUseCases().create(user, { ...values, passcode: input.passcode });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  revalidatePath(PAGE);
  return { created: result.created };
});

const credentialId = z.string().regex(/^[0-9a-f]{32}$/, formMessage("appCredentials.errors.gone"));

export const deleteApplicationCredential = stateAction({ access: "user", input: z.object({ id: credentialId }) }, async ({ id }, user): Promise<MessageState> => {
  // On success the row goes: the page, revalidated, no longer lists it.
  const result = await applicationCredentialUseCases().remove(user, id);
  if (!result.ok) return { error: result.error };
  revalidatePath(PAGE);
  return {};
});
