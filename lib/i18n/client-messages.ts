/**
 * The messages the dashboard's client components read (useTranslations), and nothing more: every
 * page's answer carries them, so the rest of the catalog (the admin pages' 8 kB among it) stays on
 * the server. tests/unit/i18n-client-messages.test.ts checks the list against the components.
 */
export const CLIENT_MESSAGES = [
  "shell",
  "forms",
  "recoveryCodes",
  "appCredentials.create",
  "appCredentials.delete",
  "appCredentials.secret",
  "admin.policy",
  "admin.confirm",
  "admin.rules",
  "dashboardError",
] as const;

export type Messages = { [key: string]: string | Messages };

/** The messages at the dotted `paths`, nested as in the catalog. */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const picked: Messages = {};
  for (const path of paths) {
    const keys = path.split(".");
    const last = keys.pop()!;
    let from: Messages = messages;
    let to = picked;
    for (const key of keys) {
      from = from[key] as Messages;
      to = (to[key] ??= {}) as Messages;
    }
    to[last] = from[last];
  }
  return picked;
}
