import { listOf, message, type Message } from "@/lib/i18n/message";

// Maps, not plain objects: a method named "constructor" must not find Object's own.
const names = new Map<string, Message>([
  ["password", message("methods.long.password")],
  ["totp", message("methods.long.totp")],
  ["application_credential", message("methods.long.application_credential")],
  ["token", message("methods.long.token")],
  ["oauth1", message("methods.long.oauth1")],
  ["mapped", message("methods.long.mapped")],
  ["external", message("methods.long.external")],
]);

const shortNames = new Map<string, Message>([
  ["password", message("methods.short.password")],
  ["totp", message("methods.short.totp")],
  ["application_credential", message("methods.short.application_credential")],
]);

/** The methods the admin rule editor offers. */
export const RULE_METHODS = ["password", "totp", "application_credential"] as const;

export const describeMethod = (method: string): Message => names.get(method) ?? message("methods.long.other", { method });

/** A rule in a few words for tables: ["password", "totp"] -> "password + passcode". */
export const shortRule = (rule: string[]): Message => message("methods.shortRule", { methods: listOf(rule.map((m) => shortNames.get(m) ?? m), "plus") });

/** One rule in words: ["password", "totp"] -> "a password and a passcode from an authenticator app". */
export const describeRule = (rule: string[]): Message => message("methods.rule", { methods: listOf(rule.map(describeMethod), "and") });

/** Rules in words: [["totp"], ["application_credential"]] -> "a passcode ... or an application credential". */
export function describeMethods(rules: string[][]): Message {
  return message("methods.rule", { methods: listOf(rules.map(describeRule), "or") });
}
