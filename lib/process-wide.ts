/**
 * One value per server process. Next bundles route handlers, pages and server actions separately,
 * so a module-level variable exists once per bundle: state that guards something (used passcodes,
 * attempt counters, the audit buffer, the service account's token) is kept on globalThis instead.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`mfa-dashboard:${name}`);
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  if (!(key in slots)) slots[key] = create();
  return slots[key] as T;
}
