import { readFileSync } from "node:fs";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";

// Every catalog against the English one: the same keys, each message valid ICU with the same
// arguments and tags, and no longer English sentence left untranslated.
type Tree = { [key: string]: string | Tree };
const catalog = (locale: string): Tree => JSON.parse(readFileSync(`messages/${locale}.json`, "utf8"));

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments and tags a message uses, with their kinds ("count:plural", "<strong>"). */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) found.add(`${e.value}`);
    if (e.type === TYPE.plural) found.add(`${e.value}:plural`);
    if (e.type === TYPE.select) found.add(`${e.value}:select`);
    if (e.type === TYPE.tag) {
      found.add(`<${e.value}>`);
      placeholders(e.children, found);
    }
    if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) placeholders(option.value, found);
  }
  return found;
}

const english = flatten(catalog(DEFAULT_LOCALE));

describe("the message catalogs", () => {
  it("has one catalog per language, English among them", () => {
    expect(LOCALES).toHaveLength(9);
    expect(english.size).toBeGreaterThan(300);
  });

  describe.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))("%s", (locale) => {
    const messages = flatten(catalog(locale));

    it("has exactly the keys of the English catalog", () => {
      expect([...english.keys()].filter((k) => !messages.has(k)), "missing").toEqual([]);
      expect([...messages.keys()].filter((k) => !english.has(k)), "extra").toEqual([]);
    });

    it("uses the same arguments and tags as English in every message", () => {
      const different = [...english].flatMap(([key, source]) => {
        const text = messages.get(key);
        if (text === undefined) return [];
        let mine: string[];
        try {
          mine = [...placeholders(parse(text))].sort();
        } catch (e) {
          return [`${key}: ${(e as Error).message}`];
        }
        const theirs = [...placeholders(parse(source))].sort();
        return mine.join() === theirs.join() ? [] : [`${key}: ${mine.join()} instead of ${theirs.join()}`];
      });
      expect(different).toEqual([]);
    });

    it("leaves no English sentence untranslated", () => {
      // Three words or more, the same as in English: forgotten. Names and codes are shorter.
      const words = (s: string) => s.replace(/\{[^}]*\}|<[^>]*>/g, " ").split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length;
      expect([...messages].filter(([key, text]) => text === english.get(key) && words(text) >= 3).map(([key]) => key)).toEqual([]);
    });
  });

  it("parses every English message", () => {
    for (const [key, text] of english) expect(() => parse(text), key).not.toThrow();
  });
});
