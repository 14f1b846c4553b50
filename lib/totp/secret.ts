import { generateSecret } from "otplib";

/**
 * Keystone decodes the credential blob as base32, case-sensitively, and needs at least 16 bytes;
 * it accepts any blob on creation, so a bad one silently never matches. Only this shape is sent.
 */
const KEYSTONE_SECRET = /^[A-Z2-7]{26,}$/;

/** A new 160-bit secret: 32 uppercase base32 characters, no padding. */
export function newTotpSecret(): string {
  const secret = generateSecret({ length: 20 });
  if (!isValidTotpSecret(secret) || secret.length !== 32) throw new Error("otplib returned an unexpected secret");
  return secret;
}

export const isValidTotpSecret = (secret: string) => KEYSTONE_SECRET.test(secret);

/** "ABCD EFGH ..." for typing into an app by hand. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)!.join(" ");
