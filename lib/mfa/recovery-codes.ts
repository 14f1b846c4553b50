import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import KDF from "./recovery-kdf.json";

/*
 * Recovery codes: what they look like, how they are hashed, and the blob Keystone keeps.
 *
 * A code is 10 characters of Crockford's base32 (50 bits from the system's CSPRNG), shown as
 * "k7m2q-x9p4t". Keystone stores only a slow, salted hash of each (scrypt, one salt per set, the
 * user id mixed in), and which codes are used: a blob read by someone else (Keystone has had such
 * bugs) gives away nothing a person could sign in with. One salt per set means one scrypt per
 * check, whatever the number of codes: ~0.1 s with the parameters in recovery-kdf.json (see
 * bench/recovery-codes.mjs), while 2^50 guesses stay far out of reach offline.
 */

export const RECOVERY_CREDENTIAL_TYPE = "dashboard-recovery";
export const CODES_PER_SET = 10;
/** At or below this many unused codes, the Security page warns. */
export const FEW_CODES_LEFT = 2;

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's base32: no i, l, o, u
const CODE_CHARS = 10;

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) =>
    // maxmem: room for the largest N the schema allows (128 * N * r bytes), and no more.
    scrypt(password, salt, keylen, { ...options, maxmem: 256 * options.N * options.r }, (e, key) => (e ? reject(e) : resolve(key))),
  );

/** One new code, grouped for reading: "k7m2q-x9p4t". 32 divides 256, so `byte & 31` is unbiased. */
function newCode(): string {
  const chars = [...randomBytes(CODE_CHARS)].map((b) => ALPHABET[b & 31]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** A new set of distinct codes, as the user is shown them. */
export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < CODES_PER_SET) codes.add(newCode());
  return [...codes];
}

/**
 * A code as typed: case, spaces and dashes do not matter, and the letters people read for digits
 * (i, l for 1; o for 0) count as those digits. The 10 characters, or null when it cannot be a code.
 */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const chars = input.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
  return chars.length === CODE_CHARS && [...chars].every((c) => ALPHABET.includes(c)) ? chars : null;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
/** Within these bounds a blob planted in Keystone cannot make a check slow or memory-hungry. */
const kdfSchema = z.object({
  name: z.literal("scrypt"),
  N: z.number().int().min(2 ** 10).max(2 ** 17).refine((n) => (n & (n - 1)) === 0, "N must be a power of 2"),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  keylen: z.literal(32),
});

const setSchema = z.object({
  v: z.literal(1),
  kdf: kdfSchema,
  salt: base64,
  codes: z.array(z.object({ hash: base64, usedAt: z.string().nullable() })).min(1).max(32),
  createdAt: z.string(),
});

/** The blob of a `dashboard-recovery` credential: hashes and use marks, never a code. */
export type RecoverySet = z.infer<typeof setSchema>;

const hashOf = async (userId: string, code: string, set: Pick<RecoverySet, "kdf" | "salt">) =>
  scryptAsync(`${userId}\n${code}`, Buffer.from(set.salt, "base64"), set.kdf.keylen, set.kdf);

/** The set Keystone will keep for `codes` (as shown or normalised). */
export async function hashRecoveryCodes(userId: string, codes: string[], now: Date): Promise<RecoverySet> {
  const head = { kdf: { ...KDF, name: "scrypt" as const, keylen: 32 as const }, salt: randomBytes(16).toString("base64") };
  const hashes = await Promise.all(codes.map((code) => hashOf(userId, normalizeRecoveryCode(code)!, head)));
  return { v: 1, ...head, codes: hashes.map((h) => ({ hash: h.toString("base64"), usedAt: null })), createdAt: now.toISOString() };
}

/** The set in a credential blob; null when it is not one the dashboard wrote (then no code matches). */
export function parseRecoverySet(blob: string): RecoverySet | null {
  try {
    const parsed = setSchema.safeParse(JSON.parse(blob));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Which code of the set `code` (normalised) is: its index and whether it was used, or null when it
 * is none of them. Every stored hash is compared in constant time, so the answer takes as long
 * whichever code matches.
 */
export async function findRecoveryCode(userId: string, set: RecoverySet, code: string): Promise<{ index: number; used: boolean } | null> {
  const hash = await hashOf(userId, code, set);
  let found: { index: number; used: boolean } | null = null;
  for (const [index, c] of set.codes.entries()) {
    const stored = Buffer.from(c.hash, "base64");
    if (stored.length === hash.length && timingSafeEqual(stored, hash)) found = { index, used: c.usedAt !== null };
  }
  return found;
}

/** How many codes of the set are left. */
export const codesLeft = (set: RecoverySet) => set.codes.filter((c) => c.usedAt === null).length;
