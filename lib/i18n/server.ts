import "server-only";
import { getLocale, getMessages } from "next-intl/server";
import type { ActionState } from "@/lib/server-action";
import type { MessageState } from "./message";
import { messageTranslator } from "./translate";
import type messages from "@/messages/en.json";

/** The request's translator of lib's messages (lib/i18n/message.ts). */
export async function getSay() {
  return messageTranslator(await getLocale(), (await getMessages()) as typeof messages);
}

/** A form state whose messages are put into the user's words. */
export type Translated<R> = Omit<R, keyof MessageState> & ActionState;

export async function translateState<R extends MessageState>(state: R): Promise<Translated<R>> {
  if (!state.error && !state.fieldErrors) return state as Translated<R>;
  const say = await getSay();
  const { error, fieldErrors, ...rest } = state;
  return {
    ...rest,
    ...(error ? { error: say(error) } : {}),
    ...(fieldErrors ? { fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, m]) => [k, say(m)])) } : {}),
  } as Translated<R>;
}
