import { createTranslator } from "next-intl";
import { waitDuration } from "./duration";
import { isMessage, type Message, type MessageList, type MessageValue } from "./message";
import type { AppLocale } from "./locales";
import type messages from "@/messages/en.json";

type Catalog = typeof messages;

/** Puts messages into words for one locale: nested messages and lists first, then the sentence. */
export function messageTranslator(locale: AppLocale, catalog: Catalog) {
  const t = createTranslator({ locale, messages: catalog, timeZone: "UTC" });
  const list = ({ list, type }: MessageList) => {
    const items = list.map((item) => (typeof item === "string" ? item : say(item)));
    return type === "plus" ? items.join(" + ") : new Intl.ListFormat(locale, { type: type === "or" ? "disjunction" : "conjunction" }).format(items);
  };
  const value = (v: MessageValue): string | number | Date => {
    if (typeof v !== "object" || v instanceof Date) return v;
    if (isMessage(v)) return say(v);
    return "list" in v ? list(v) : waitDuration(locale, v.waitSeconds);
  };
  function say(m: Message): string {
    const values = m.values ? Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, value(v)])) : undefined;
    // The key is checked against the English catalog by the compiler; the values by the catalog test.
    return (t as unknown as (key: string, values?: Record<string, string | number | Date>) => string)(m.key, values);
  }
  return say;
}
