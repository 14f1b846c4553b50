// node bench/recovery-codes.mjs [N=20]
// The cost of the scrypt parameters in lib/mfa/recovery-kdf.json: how long one recovery-code check
// takes (one hash per check, whatever the set's size) and how much memory it needs, and how long
// hashing a new set of 10 takes. Prints figures only.
import { randomBytes, scrypt } from "node:crypto";
import { readFileSync } from "node:fs";

const kdf = JSON.parse(readFileSync(new URL("../lib/mfa/recovery-kdf.json", import.meta.url), "utf8"));
const N = Number(process.argv[2] ?? 20);
const options = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
const hash = (code, salt) => new Promise((resolve, reject) => scrypt(code, salt, kdf.keylen, options, (e, key) => (e ? reject(e) : resolve(key))));
const salt = randomBytes(16);

const times = [];
for (let i = 0; i < N + 2; i++) {
  const started = performance.now();
  await hash(`user-id\n${randomBytes(8).toString("hex")}`, salt);
  if (i >= 2) times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const started = performance.now();
await Promise.all(Array.from({ length: 10 }, () => hash(`user-id\n${randomBytes(8).toString("hex")}`, salt)));
const set = performance.now() - started;

console.log(`scrypt N=${kdf.N} r=${kdf.r} p=${kdf.p}: ${(128 * kdf.N * kdf.r) / 2 ** 20} MiB per hash`);
console.log(`one check: median ${times[Math.floor(N / 2)].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms (${N} runs)`);
console.log(`a new set of 10: ${set.toFixed(0)} ms`);
