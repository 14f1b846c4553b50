import { describe, expect, it } from "vitest";
import { timeLeft, waitDuration } from "@/lib/i18n/duration";
import { LOCALES, resolveLocale } from "@/lib/i18n/locales";
import { listOf, message, wait } from "@/lib/i18n/message";
import { messageTranslator } from "@/lib/i18n/translate";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

describe("the language of a request", () => {
  it("is the user's pick first, then the browser's languages in order of preference, then English", () => {
    expect(resolveLocale("de", "ja,en;q=0.8")).toBe("de");
    expect(resolveLocale(undefined, "ja,en;q=0.8")).toBe("ja");
    expect(resolveLocale(undefined, "fr;q=0.5, ko;q=0.9")).toBe("ko");
    expect(resolveLocale(undefined, undefined)).toBe("en");
    expect(resolveLocale(undefined, "")).toBe("en");
  });

  it("maps regional and script variants to the language we have", () => {
    expect(resolveLocale(undefined, "zh-Hans-CN")).toBe("zh-CN");
    expect(resolveLocale(undefined, "zh")).toBe("zh-CN");
    expect(resolveLocale(undefined, "pt-PT")).toBe("pt-BR");
    expect(resolveLocale(undefined, "de-AT,de;q=0.9")).toBe("de");
    expect(resolveLocale(undefined, "EN-us")).toBe("en");
    expect(resolveLocale(undefined, "es-419")).toBe("es");
    // Traditional Chinese readers are not sent to Simplified Chinese: the next choice, or English.
    expect(resolveLocale(undefined, "zh-TW,ja;q=0.5")).toBe("ja");
    expect(resolveLocale(undefined, "zh-Hant")).toBe("en");
  });

  it("answers every language with itself", () => {
    for (const locale of LOCALES) {
      expect(resolveLocale(locale, null)).toBe(locale);
      expect(resolveLocale(undefined, locale)).toBe(locale);
    }
  });

  it("ignores what is not one of ours or not a language: a hostile cookie or header changes nothing", () => {
    for (const cookie of ["", "xx", "constructor", "__proto__", "../../etc/passwd", "en\u0000", "de;", "DE", "zh-cn", "<script>", "a".repeat(5000)]) {
      expect(resolveLocale(cookie, "fr")).toBe("fr");
    }
    for (const header of ["*", ";;;,,,", "q=1", "en;q=abc", "de;q=0", "en;q=2", "\u0000", "de-" + "x".repeat(100), "x-klingon", ",".repeat(10_000) + "ja", `${"zz,".repeat(5000)}ja`]) {
      expect(LOCALES).toContain(resolveLocale(undefined, header));
    }
    expect(resolveLocale(undefined, "de;q=0, fr")).toBe("fr");
    expect(resolveLocale(undefined, "*, ja;q=0.1")).toBe("ja");
  });
});

describe("durations", () => {
  it("says a wait in whole minutes, rounded up, or in seconds under a minute", () => {
    expect(waitDuration("en", 241)).toBe("5 minutes");
    expect(waitDuration("en", 60)).toBe("1 minute");
    expect(waitDuration("en", 45)).toBe("45 seconds");
    expect(waitDuration("de", 240)).toBe("4 Minuten");
    expect(waitDuration("zh-CN", 240)).toBe("4分钟");
  });

  it("says the time left to the second, composed for the locale", () => {
    expect(timeLeft("en", 245)).toBe("4 min 5 sec");
    expect(timeLeft("en", 9)).toBe("9 sec");
    expect(timeLeft("ja", 245)).toBe("4 分5 秒");
    expect(timeLeft("de", 245)).toBe("4 Min., 5 Sek.");
  });
});

describe("messages from lib/", () => {
  it("are put into the reader's language, nested messages, lists and waits included", () => {
    const blocked = message("login.errors.blocked", { wait: wait(300) });
    expect(messageTranslator("en", en)(blocked)).toBe("Too many wrong passcodes. Start over in 5 minutes.");
    expect(messageTranslator("de", de)(blocked)).toContain("5 Minuten");
    expect(messageTranslator("zh-CN", zh)(blocked)).toContain("5分钟");
    const rule = message("methods.rule", { methods: listOf([message("methods.long.password"), message("methods.long.totp")], "and") });
    expect(messageTranslator("en", en)(rule)).toBe("a password and a passcode from an authenticator app");
    const either = message("methods.rule", { methods: listOf(["a", "b", "c"], "or") });
    expect(messageTranslator("de", de)(either)).toBe("a, b oder c");
  });

  it("keep Keystone's own words as Keystone sent them, inside a translated sentence", () => {
    const refused = message("errors.keystoneRefused", { reason: "Invalid input for field 'name'." });
    expect(messageTranslator("de", de)(refused)).toContain("Invalid input for field 'name'.");
    expect(messageTranslator("de", de)(refused)).not.toBe(messageTranslator("en", en)(refused));
  });
});
