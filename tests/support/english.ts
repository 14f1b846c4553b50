import { isMessage, type Message } from "@/lib/i18n/message";
import { messageTranslator } from "@/lib/i18n/translate";
import messages from "@/messages/en.json";

const say = messageTranslator("en", messages);

/**
 * A value with every message in it (lib/i18n/message.ts) put into English, as a user reading
 * English sees it: lets the tests of lib/ say what the user is told. Values without a message
 * come back as they are (the same object).
 */
export function english(value: Message): string;
export function english<T>(value: T): T;
export function english<T>(value: T): T {
  if (isMessage(value)) return say(value) as T;
  if (Array.isArray(value)) {
    const items = value.map(english);
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).map(([k, v]) => [k, english(v)] as const);
    return (entries.some(([k, v]) => v !== (value as Record<string, unknown>)[k]) ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}
