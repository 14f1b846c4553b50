import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session-user";
import { formMessage } from "@/lib/i18n/form-message";
import { message, type Message, type MessageKey, type MessageState } from "@/lib/i18n/message";
import { translateState, type Translated } from "@/lib/i18n/server";
import { isKeystoneError } from "@/lib/keystone";
import { requireAdmin, requireUser } from "@/lib/session";

/**
 * The one door every server action goes through: the caller's access is checked (with Keystone,
 * through lib/session), the form is parsed with zod, and failures become messages. Handlers get
 * typed input and the verified user; they never see a raw FormData or an unexpected argument.
 * Handlers answer in messages (lib/i18n/message.ts); the form receives them in the user's language.
 */

/** What every form's state can say, in the user's language; forms add their own fields. */
export interface ActionState {
  error?: string;
  fieldErrors?: Record<string, string>;
}

type Access = "public" | "user" | "admin";
type Caller<A extends Access> = A extends "public" ? null : SessionUser;

interface Spec<A extends Access, S extends z.ZodType> {
  access: A;
  /** The form's fields, as an object schema over single values (or arrays, with `manyOf`). */
  input: S;
}

export const BAD_FORM = formMessage("errors.badForm");

/** A field that may be sent several times (checkboxes, multi-selects): always an array. */
export const manyOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** A checkbox: true when ticked. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());

/** The form's text fields as an object; a name sent twice becomes an array. Files are ignored. */
function fields(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of form) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** What Keystone answered, for the user; a rejected token ends the session instead. */
export function keystoneFailure(e: unknown): Message {
  if (!isKeystoneError(e)) throw e;
  switch (e.kind) {
    case "unauthorized":
      redirect("/session-ended");
    case "forbidden":
      return message("errors.keystoneForbidden");
    case "not_found":
      return message("errors.gone");
    case "validation":
    case "conflict":
      // Keystone's own words, inside a sentence of ours.
      return message("errors.keystoneRefused", { reason: e.message });
    default:
      return message("errors.unavailableNothingChanged");
  }
}

async function caller<A extends Access>(access: A): Promise<Caller<A>> {
  if (access === "admin") return (await requireAdmin()) as Caller<A>;
  if (access === "user") return (await requireUser()) as Caller<A>;
  return null as Caller<A>;
}

const badForm = message(BAD_FORM);

async function run<A extends Access, S extends z.ZodType, R extends MessageState>(
  spec: Spec<A, S>,
  form: unknown,
  handler: (input: z.output<S>, user: Caller<A>) => Promise<R>,
): Promise<R | MessageState> {
  try {
    // Inside the try: Keystone being unreachable while the caller is checked is a message too.
    const user = await caller(spec.access);
    if (!(form instanceof FormData)) return { error: badForm };
    // A field whose schema gives no message of its own was tampered with: one plain message, not zod's.
    const parsed = spec.input.safeParse(fields(form), { error: () => BAD_FORM });
    if (!parsed.success) {
      const fieldErrors: Record<string, Message> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "")] ??= message(issue.message as MessageKey);
      return { error: Object.values(fieldErrors)[0] ?? badForm, fieldErrors };
    }
    return await handler(parsed.data, user);
  } catch (e) {
    unstable_rethrow(e); // redirect() and notFound() are answers, not failures
    return { error: keystoneFailure(e) };
  }
}

/** An action for `useActionState`: (previous state, form) -> the next state, in the user's words. */
export function stateAction<A extends Access, S extends z.ZodType, R extends MessageState>(
  spec: Spec<A, S>,
  handler: (input: z.output<S>, user: Caller<A>) => Promise<R>,
): (previous: Translated<R>, form: FormData) => Promise<Translated<R>> {
  return async (_previous, form) => translateState((await run(spec, form, handler)) as R);
}

/** An action for a plain `<form action>`: its outcome is a redirect; a refusal changes nothing. */
export function formAction<A extends Access, S extends z.ZodType>(
  spec: Spec<A, S>,
  handler: (input: z.output<S>, user: Caller<A>) => Promise<void>,
): (form: FormData) => Promise<void> {
  return async (form) => {
    await run(spec, form, async (input, user) => {
      await handler(input, user);
      return {};
    });
  };
}
