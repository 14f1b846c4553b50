import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, pickMessages, type Messages } from "@/lib/i18n/client-messages";
import { LOCALES } from "@/lib/i18n/locales";

/** The namespaces the client components ("use client") of app/ and components/ read with useTranslations. */
function clientNamespaces(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(e.name)) {
        const source = readFileSync(path, "utf8");
        if (!/^["']use client["']/.test(source)) continue;
        for (const [, ns] of source.matchAll(/useTranslations\(([^)]*)\)/g)) found.set(ns.trim(), path);
      }
    }
  };
  walk("app");
  walk("components");
  return found;
}

const covers = (path: string, ns: string) => ns === path || ns.startsWith(`${path}.`);

describe("the messages the browser gets (lib/i18n/client-messages.ts)", () => {
  const used = clientNamespaces();

  it("hold every namespace a client component reads, named as a literal", () => {
    expect(used.size).toBeGreaterThan(0);
    for (const [arg, file] of used) {
      expect(arg, file).toMatch(/^"[\w.]+"$/);
      const ns = JSON.parse(arg) as string;
      expect(CLIENT_MESSAGES.some((path) => covers(path, ns)), `${file}: useTranslations(${arg})`).toBe(true);
    }
  });

  it("hold nothing no client component reads", () => {
    const namespaces = [...used.keys()].map((arg) => JSON.parse(arg) as string);
    for (const path of CLIENT_MESSAGES) expect(namespaces.some((ns) => covers(path, ns) || covers(ns, path)), path).toBe(true);
  });

  it("are found in every language's catalog, and only those parts of it are picked", () => {
    for (const locale of LOCALES) {
      const catalog = JSON.parse(readFileSync(`messages/${locale}.json`, "utf8")) as Messages;
      const picked = pickMessages(catalog, CLIENT_MESSAGES);
      for (const path of CLIENT_MESSAGES) {
        const at = (m: Messages) => path.split(".").reduce<Messages | string | undefined>((o, k) => (typeof o === "object" ? o[k] : undefined), m);
        expect(at(picked), `${locale}: ${path}`).toBeDefined();
        expect(at(picked), `${locale}: ${path}`).toEqual(at(catalog));
      }
      expect(Object.keys(picked.admin as Messages).sort(), locale).toEqual(["confirm", "policy", "rules"]);
      expect(JSON.stringify(picked).length, locale).toBeLessThan(JSON.stringify(catalog).length / 3);
    }
  });
});
