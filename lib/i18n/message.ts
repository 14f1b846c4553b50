import type { MessageKeys, Messages, NestedKeyOf } from "next-intl";

/**
 * A sentence for the user, not yet in their language: a key of the catalogs (messages/*.json) and
 * its values. lib/ speaks in these, so that its rules stay free of Next and of any one language;
 * pages and the server-action pipeline put them into words (lib/i18n/server.ts).
 */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

/** A value inside a message: text and numbers as they are, another message, a list, or a wait. */
export type MessageValue = string | number | Date | Message | MessageList | Wait;

export interface Message {
  key: MessageKey;
  values?: Record<string, MessageValue>;
}

/** Items joined the way the language joins them ("a, b or c"; "a、b 或 c"), or with " + " (methods of one rule). */
export interface MessageList {
  list: (string | Message)[];
  type: "and" | "or" | "plus";
}

/** A time to wait, in seconds: put into words for the locale ("3 minutes", "45 Sekunden"). */
export interface Wait {
  waitSeconds: number;
}

export const wait = (seconds: number): Wait => ({ waitSeconds: seconds });

export const message = (key: MessageKey, values?: Record<string, MessageValue>): Message => (values ? { key, values } : { key });

export const isMessage = (value: unknown): value is Message =>
  typeof value === "object" && value !== null && "key" in value && typeof (value as Message).key === "string";

export const listOf = (list: (string | Message)[], type: MessageList["type"]): MessageList => ({ list, type });

/** What a form's state says, in messages: the pipeline translates it into an ActionState. */
export interface MessageState {
  error?: Message;
  fieldErrors?: Record<string, Message>;
}
