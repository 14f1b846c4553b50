/**
 * A passcode as typed or pasted ("123 456", "123-456", " 123456 ") reduced to its six digits,
 * or null when it is not six digits. Keystone wants it as a string: a leading zero matters.
 */
export function normalizePasscode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 32) return null;
  const digits = input.replace(/[\s-]/g, "");
  return /^[0-9]{6}$/.test(digits) ? digits : null;
}
