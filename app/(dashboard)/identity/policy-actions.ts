"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { MessageState } from "@/lib/i18n/message";
import { getSay, type Translated } from "@/lib/i18n/server";
import { formMessage } from "@/lib/i18n/form-message";
import { keystoneId } from "@/lib/keystone/ids";
import { stateAction } from "@/lib/server-action";
import { policyUseCases } from "@/lib/use-cases";

/** One user's result, in the administrator's words. */
export interface ResultView {
  userId: string;
  userName: string;
  ok: boolean;
  message: string;
}

interface PolicyAnswer extends MessageState {
  done?: { required: boolean; results: ResultView[]; skipped: string[] };
}

export type PolicyState = Translated<PolicyAnswer>;

const input = z.object({
  kind: z.enum(["group", "domain"], formMessage("admin.policy.unknownScope")),
  id: keystoneId,
  required: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const setPolicyAction = stateAction({ access: "admin", input }, async ({ kind, id, required }, admin): Promise<PolicyAnswer> => {
  const { results, skipped } = await policyUseCases().setPolicy(admin, { kind, id }, required);
  revalidatePath(`/identity/${kind}s/${id}`);
  const say = await getSay();
  return { done: { required, skipped, results: results.map((r) => ({ ...r, message: say(r.message) })) } };
});
