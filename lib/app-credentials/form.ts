import { listOf, message, type Message } from "@/lib/i18n/message";
import type { AccessRule, NewApplicationCredential } from "@/lib/keystone";

/** The create form's fields, as the action's schema hands them over. */
export interface CreateForm {
  name: string;
  description: string;
  /** "YYYY-MM-DDTHH:MM" (a datetime-local input) in UTC, or "" for no expiry. */
  expires: string;
  roles: string[];
  unrestricted: boolean;
  /** One rule per line: METHOD SERVICE PATH. */
  accessRules: string;
}

export type Parsed = { credential: NewApplicationCredential } | { fieldErrors: Record<string, Message> };

const CONTROL = /\p{Cc}/u;
const METHODS = new Set<AccessRule["method"]>(["POST", "GET", "HEAD", "PATCH", "PUT", "DELETE"]);
// Keystone's own limits (application_credential/schema.py); a rule without a method or a service
// makes it answer 500, so every rule is checked here first.
const SERVICE = /^[A-Za-z0-9-]{1,64}$/;
const PATH = /^\/\S{0,224}$/;
const MAX_RULES = 50;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2030-01-01T00:00:00Z" for a datetime-local value read as UTC; null when it is no real time. */
export function utcInstant(value: string): Date | null {
  const m = LOCAL_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0));
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2030-02-30 over into March: a date that changed was not a real one.
  const real = at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return real && year >= 1970 ? at : null;
}

function accessRules(text: string): AccessRule[] | Message {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_RULES) return message("appCredentials.errors.tooManyRules", { count: MAX_RULES });
  const rules: AccessRule[] = [];
  for (const [i, line] of lines.entries()) {
    const [method, service, path, ...rest] = line.split(/\s+/);
    const upper = method.toUpperCase() as AccessRule["method"];
    if (rest.length || !METHODS.has(upper) || !SERVICE.test(service ?? "") || !PATH.test(path ?? "")) {
      return message("appCredentials.errors.badRule", { line: i + 1, methods: [...METHODS].join(", ") });
    }
    rules.push({ method: upper, service, path });
  }
  return rules;
}

/**
 * Checks a create form before anything reaches Keystone: a name, an expiry in the future, only
 * roles the user has on the project (`roles`), well-formed access rules. Keystone's answers for the
 * same mistakes come later and are less clear.
 */
export function parseCreateForm(form: CreateForm, { roles, now }: { roles: string[]; now: Date }): Parsed {
  const errors: Record<string, Message> = {};
  const name = form.name.trim();
  if (!name) errors.name = message("appCredentials.errors.nameMissing");
  else if (name.length > 255) errors.name = message("appCredentials.errors.nameTooLong", { max: 255 });
  else if (CONTROL.test(name)) errors.name = message("appCredentials.errors.nameControl");

  const description = form.description.trim();
  if (description.length > 255) errors.description = message("appCredentials.errors.descriptionTooLong", { max: 255 });
  else if (CONTROL.test(description)) errors.description = message("appCredentials.errors.descriptionControl");

  let expiresAt: string | undefined;
  if (form.expires) {
    const at = utcInstant(form.expires);
    if (!at) errors.expires = message("appCredentials.errors.expiryFormat");
    else if (at.getTime() <= now.getTime()) errors.expires = message("appCredentials.errors.expiryPast");
    else expiresAt = `${at.toISOString().slice(0, 19)}Z`;
  }

  const chosen = [...new Set(form.roles)];
  const held = new Set(roles);
  const foreign = chosen.filter((r) => !held.has(r));
  if (chosen.length === 0) errors.roles = message("appCredentials.errors.noRole");
  else if (foreign.length) errors.roles = message("appCredentials.errors.foreignRole", { count: foreign.length, roles: listOf(foreign.map((role) => message("appCredentials.errors.quotedRole", { role })), "and") });

  const rules = accessRules(form.accessRules);
  if (!Array.isArray(rules)) errors.accessRules = rules;

  if (Object.keys(errors).length) return { fieldErrors: errors };
  return {
    credential: {
      name,
      ...(description ? { description } : {}),
      ...(expiresAt ? { expires_at: expiresAt } : {}),
      roles: chosen.map((r) => ({ name: r })),
      unrestricted: form.unrestricted,
      ...(Array.isArray(rules) && rules.length ? { access_rules: rules } : {}),
    },
  };
}
