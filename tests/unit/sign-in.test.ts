import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { LoginError } from "@/lib/auth/login-errors";
import {
  ALREADY_ENROLLED,
  createSignIn,
  ENROLMENT_ELSEWHERE,
  type PendingLogin,
  type SignInDeps,
} from "@/lib/auth/sign-in";
import { KeystoneError, MfaRequiredError, PasswordExpiredError, type IssuedToken } from "@/lib/keystone";
import type { AuditEvent } from "@/lib/security/audit";
import { createGuards } from "@/lib/security/limits";
import { createMemoryStore } from "@/lib/security/memory-store";
import { newTotpSecret } from "@/lib/totp/secret";

// The sign-in steps with a fake Keystone (unit tests may stub it; e2e/security/signin-*.spec.ts
// attack the real one), the real guards on an in-memory store, cookie stores in variables, a clock.

const FLOOR = 1000;
const USER = { id: "u".repeat(32), name: "alice", domain: { id: "default", name: "Default" } };

function issued(methods = ["password"]): IssuedToken {
  return {
    token: `token-${Math.random()}`,
    info: {
      methods,
      user: USER,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      issued_at: new Date().toISOString(),
      audit_ids: [],
      project: { id: "p".repeat(32), name: "demo", domain: USER.domain },
      roles: [{ id: "r", name: "member" }],
    },
  };
}

const receiptFor = (rules: string[][] = [["password", "totp"]]) =>
  new MfaRequiredError({ receipt: "receipt-1", user: USER, methodsDone: ["password"], expiresAt: new Date(Date.now() + 300_000).toISOString(), requiredMethods: rules });

/** Keystone as the steps see it: each answer is a function of the call, and takes `ms` of the clock. */
interface FakeKeystone {
  password: (login: { username: string; password: string }) => { ms: number; answer: () => IssuedToken };
  totp: (call: { passcode: string }) => { ms: number; answer: () => IssuedToken };
}

let clock: number;
let sleeps: number[];
let audits: AuditEvent[];
let calls: { password: number; totp: number; revoke: number };
let pending: PendingLogin | null;
let enrolment: { userId: string; secret: string } | null;
let credentials: string[];
let fake: FakeKeystone;
let deps: SignInDeps;

/** A promise that settles after `ms` of real time; the fake clock moves on by `ms` too. */
const takes = <T>(ms: number, answer: () => T) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      clock += ms;
      try {
        resolve(answer());
      } catch (e) {
        reject(e);
      }
    }, ms / 100),
  );

beforeEach(() => {
  clock = Date.now();
  sleeps = [];
  audits = [];
  calls = { password: 0, totp: 0, revoke: 0 };
  pending = null;
  enrolment = null;
  credentials = [];
  fake = {
    password: () => ({ ms: 40, answer: () => issued() }),
    totp: () => ({ ms: 40, answer: () => issued(["password", "totp"]) }),
  };
  const now = () => clock;
  deps = {
    keystone: {
      auth: {
        password: (login) => {
          calls.password += 1;
          const { ms, answer } = fake.password(login);
          return takes(ms, answer);
        },
        totp: (call) => {
          calls.totp += 1;
          const { ms, answer } = fake.totp(call);
          return takes(ms, answer);
        },
        revoke: async () => {
          calls.revoke += 1;
        },
        projects: async () => [],
        rescope: async () => issued(),
        validate: async () => issued().info,
      },
    },
    guards: createGuards(createMemoryStore(now), "s".repeat(32)),
    pendingLogins: {
      get: async () => pending,
      save: async (p) => {
        pending = p;
      },
      clear: async () => {
        pending = null;
      },
    },
    enrolments: {
      start: async (userId) => {
        enrolment = { userId, secret: newTotpSecret() };
      },
      get: async (userId) => (enrolment?.userId === userId ? enrolment : null),
      clear: async () => {
        enrolment = null;
      },
    },
    expiredPasswords: { remember: async () => {} },
    authenticators: {
      count: async () => credentials.length,
      create: (_userId, secret) => takes(30, () => (credentials.push(secret), `cred-${credentials.length}`)),
      remove: async (id) => {
        credentials.splice(Number(id.slice(5)) - 1, 1);
      },
    },
    enforcePolicy: async () => false,
    audit: async (e) => {
      audits.push(e);
    },
    clock: {
      now,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    },
    refusalFloorMs: FLOOR,
  };
});

const signIn = () => createSignIn(deps);
const wrongPassword = () => ({ ms: 600, answer: () => { throw new KeystoneError("bad_credentials", "The request you have made requires authentication.", 401); } });
const refusal = (e: unknown) => (e instanceof LoginError ? e.code : e);
const password = (fields: Record<string, string>, address = "192.0.2.1") =>
  signIn().passwordStep({ domain: "Default", ...fields }, address).then(() => "session", refusal);

describe("the password step", () => {
  it("counts an attempt before Keystone is asked: of 30 wrong passwords at once for one name, 10 reach Keystone", async () => {
    fake.password = wrongPassword;
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => password({ username: "alice", password: `guess-${i}` }, `198.51.100.${i}`)));
    expect(calls.password).toBe(10);
    expect(outcomes.filter((o) => o === "invalid").length + outcomes.filter((o) => o === "throttled").length).toBe(30);
    // The right password is refused too, without asking Keystone.
    fake.password = () => ({ ms: 40, answer: () => issued() });
    expect(await password({ username: "alice", password: "right" }, "198.51.100.200")).toBe("throttled");
    expect(calls.password).toBe(10);
  });

  it("limits one address over every name: 20 reach Keystone", async () => {
    fake.password = wrongPassword;
    await Promise.all(Array.from({ length: 30 }, (_, i) => password({ username: `user-${i}`, password: "guess" })));
    expect(calls.password).toBe(20);
    expect(await password({ username: "someone-else", password: "guess" }, "192.0.2.2")).toBe("invalid");
  });

  it("gives the attempt back when the password was right or Keystone surely did not check it, not when it may have", async () => {
    const answers: Array<() => never> = [
      () => { throw new KeystoneError("unavailable", "Keystone could not be reached"); },
      () => { throw new KeystoneError("unavailable", "Keystone answered 503", 503); },
      () => { throw new KeystoneError("unavailable", "Keystone did not answer within 10000 ms", 504); },
      () => { throw new KeystoneError("unavailable", "Keystone answered 500", 500); },
      () => { throw new KeystoneError("validation", "Invalid input", 400); },
      () => { throw new KeystoneError("bad_credentials", "Unauthorized", 401); },
    ];
    const outcomes = [];
    for (const answer of answers) {
      fake.password = () => ({ ms: 40, answer });
      outcomes.push(await password({ username: "alice", password: "x" }));
    }
    // Not reached, or a gateway saying it is down: "unavailable", free. No answer in time: "unavailable",
    // counted (Keystone may have checked it). An answer, even a 500: the same refusal, counted.
    expect(outcomes).toEqual(["unavailable", "unavailable", "unavailable", "invalid", "invalid", "invalid"]);
    fake.password = () => ({ ms: 40, answer: () => issued() });
    for (let i = 0; i < 7; i++) expect(await password({ username: "alice", password: "right" })).toBe("session");
    fake.password = wrongPassword;
    const left = [];
    for (let i = 0; i < 8; i++) left.push(await password({ username: "alice", password: "x" }));
    expect(left.filter((o) => o === "invalid")).toHaveLength(5); // 10 - 4 counted before, minus the blocking one
    expect(left.slice(-3)).toEqual(["throttled", "throttled", "throttled"]);
  });

  it.each([
    ["a NUL byte in the password", { username: "alice", password: "pass\u0000word" }],
    ["a lone surrogate in the password", { username: "alice", password: "pass\ud800" }],
    ["a C1 control in the password", { username: "alice", password: "pass\u0085" }],
    ["DEL in the username", { username: "ali\u007fce", password: "x" }],
    ["a newline in the domain", { username: "alice", password: "x", domain: "Def\nault" }],
    ["an escape sequence", { username: "alice", password: "\u001b[2J" }],
    ["a name longer than Keystone allows", { username: "a".repeat(256), password: "x" }],
  ])("refuses %s before Keystone, like a wrong password, and counts it", async (_, fields) => {
    expect(await password(fields)).toBe("invalid");
    expect(calls.password).toBe(0);
    expect(audits.at(-1)).toMatchObject({ event: "login.password", outcome: "failure", reason: "refused before Keystone" });
    expect(sleeps).toEqual([FLOOR]);
  });

  it("keeps characters people do use in passwords", async () => {
    expect(await password({ username: "alice", password: "Pässwörd 😀 \u2028 ok" })).toBe("session");
    expect(calls.password).toBe(1);
  });

  it("answers every refusal no sooner than the floor, whether Keystone took 40 ms or 600 ms", async () => {
    const started: number[] = [];
    const took: number[] = [];
    for (const ms of [40, 600, 990, 1400]) {
      fake.password = () => ({ ms, answer: wrongPassword().answer });
      started.push(clock);
      expect(await password({ username: `user-${ms}`, password: "x" })).toBe("invalid");
      took.push(clock - started.at(-1)!);
    }
    expect(took).toEqual([FLOOR, FLOOR, FLOOR, 1400]);
    expect(await password({ username: "", password: "x" })).toBe("input");
    expect(sleeps.at(-1)).toBe(FLOOR);
  });

  it("does not hold back a step that goes on: a receipt or an expired password", async () => {
    fake.password = () => ({ ms: 40, answer: () => { throw receiptFor(); } });
    expect(await password({ username: "alice", password: "right" })).toBe("mfa_required");
    fake.password = () => ({ ms: 40, answer: () => { throw new PasswordExpiredError(USER.id); } });
    expect(await password({ username: "alice", password: "right" })).toBe("password_expired");
    expect(sleeps).toEqual([]);
  });

  it("keeps the receipt for the passcode step, and starts an enrolment only for a user without an authenticator", async () => {
    fake.password = () => ({ ms: 40, answer: () => { throw receiptFor(); } });
    credentials = ["existing"];
    await password({ username: "alice", password: "right" });
    expect(pending).toMatchObject({ receipt: "receipt-1", userId: USER.id, enrol: false, missingMethods: [["totp"]] });
    expect(enrolment).toBeNull();

    credentials = [];
    await password({ username: "alice", password: "right" });
    expect(pending?.enrol).toBe(true);
    expect(enrolment?.userId).toBe(USER.id);

    // Unknown (no service account, Keystone erring): the ordinary passcode step.
    enrolment = null;
    deps.authenticators.count = async () => null;
    await password({ username: "alice", password: "right" });
    expect(pending?.enrol).toBe(false);
    expect(enrolment).toBeNull();
  });

  it("asks Keystone again when a group or domain policy just covered the user, so the receipt applies now", async () => {
    let asked = 0;
    fake.password = () => ({ ms: 40, answer: () => (++asked === 1 ? issued() : (() => { throw receiptFor(); })()) });
    deps.enforcePolicy = async () => true;
    expect(await password({ username: "alice", password: "right" })).toBe("mfa_required");
    expect(calls).toMatchObject({ password: 2, revoke: 1 });
  });
});

describe("the passcode step", () => {
  beforeEach(() => {
    pending = { receipt: "receipt-1", userId: USER.id, userName: "alice", domainName: "Default", expiresAt: new Date(Date.now() + 300_000).toISOString(), missingMethods: [["totp"]], enrol: false };
  });
  const wrongPasscode = () => ({ ms: 40, answer: () => { throw new KeystoneError("bad_credentials", "Unauthorized", 401); } });
  const passcode = (code: string) => signIn().passcodeStep({ passcode: code }, "192.0.2.1").then(() => "session", refusal);

  it("counts an attempt before Keystone is asked: of 30 wrong passcodes at once, 5 reach Keystone, then the right one is refused", async () => {
    fake.totp = wrongPasscode;
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => passcode(String(100000 + i))));
    expect(calls.totp).toBe(5);
    expect(outcomes.filter((o) => o === "session")).toEqual([]);
    fake.totp = () => ({ ms: 40, answer: () => issued(["password", "totp"]) });
    expect(await passcode("654321")).toBe("blocked");
    expect(calls.totp).toBe(5);
  });

  it("accepts a passcode once: the same code again is refused before Keystone", async () => {
    const first = pending!;
    expect(await passcode("123456")).toBe("session");
    expect(pending).toBeNull(); // the receipt is spent
    pending = { ...first, receipt: "receipt-2" };
    expect(await passcode("123 456")).toBe("passcode_reused");
    expect(calls.totp).toBe(1);
  });

  it("gives a refused code back (a typo does not burn it) and says how many attempts are left", async () => {
    fake.totp = wrongPasscode;
    const error = await signIn().passcodeStep({ passcode: "111111" }, "192.0.2.1").catch((e: LoginError) => e);
    expect(error).toMatchObject({ code: "wrong_passcode", attemptsLeft: 4 });
    fake.totp = () => ({ ms: 40, answer: () => issued(["password", "totp"]) });
    expect(await passcode("111111")).toBe("session");
  });

  it("costs nothing when Keystone is down", async () => {
    fake.totp = () => ({ ms: 40, answer: () => { throw new KeystoneError("unavailable", "Keystone could not be reached"); } });
    for (let i = 0; i < 8; i++) expect(await passcode("222222")).toBe("unavailable");
    fake.totp = () => ({ ms: 40, answer: () => issued(["password", "totp"]) });
    expect(await passcode("222222")).toBe("session");
  });

  it("counts a passcode Keystone may have checked: no answer in time, an error of its own", async () => {
    const answers: Array<() => never> = [
      () => { throw new KeystoneError("unavailable", "Keystone did not answer within 10000 ms", 504); },
      () => { throw new KeystoneError("unavailable", "Keystone answered 500", 500); },
    ];
    for (const answer of answers) {
      fake.totp = () => ({ ms: 40, answer });
      expect(await passcode("333333")).toBe("unavailable");
    }
    fake.totp = wrongPasscode;
    const error = await signIn().passcodeStep({ passcode: "444444" }, "192.0.2.1").catch((e: LoginError) => e);
    expect(error).toMatchObject({ code: "wrong_passcode", attemptsLeft: 2 });
  });

  it("refuses what is not six digits without counting, and a sign-in without a receipt", async () => {
    for (const code of ["12345", "1234567", "12a456", "", "１２３４５６"]) expect(await passcode(code)).toBe("passcode_format");
    expect(calls.totp).toBe(0);
    pending = null;
    expect(await passcode("123456")).toBe("receipt_expired");
  });
});

describe("enrolment at sign-in", () => {
  beforeEach(async () => {
    pending = { receipt: "receipt-1", userId: USER.id, userName: "alice", domainName: "Default", expiresAt: new Date(Date.now() + 300_000).toISOString(), missingMethods: [["totp"]], enrol: true };
    await deps.enrolments.start(USER.id);
  });
  const finishes = async () => null;

  it("adds only one first authenticator when two sign-ins activate at once", async () => {
    const other = newTotpSecret();
    const [a, b] = await Promise.all([
      signIn().enrolmentStep(await generate({ secret: enrolment!.secret }), "192.0.2.1", finishes),
      (async () => {
        // The second browser holds another secret (its own enrolment cookie).
        const mine = createSignIn({ ...deps, enrolments: { ...deps.enrolments, get: async () => ({ secret: other }) } });
        return mine.enrolmentStep(await generate({ secret: other }), "192.0.2.2", finishes);
      })(),
    ]);
    expect([a, b]).toContainEqual(null);
    expect([a, b]).toContainEqual({ error: ENROLMENT_ELSEWHERE });
    expect(credentials).toHaveLength(1);
  });

  it("asks again whether the user still has no authenticator: a later activation adds none", async () => {
    const first = enrolment!.secret;
    expect(await signIn().enrolmentStep(await generate({ secret: first }), "192.0.2.1", finishes)).toBeNull();
    await deps.enrolments.start(USER.id);
    expect(await signIn().enrolmentStep(await generate({ secret: enrolment!.secret }), "192.0.2.1", finishes)).toEqual({ error: ALREADY_ENROLLED });
    expect(credentials).toEqual([first]);
    expect(audits.map((a) => `${a.event} ${a.outcome}`)).toEqual(["login.enrolment success", "login.enrolment refused"]);
  });

  it("takes the credential back when the sign-in does not finish, and lets a new try go on", async () => {
    const code = await generate({ secret: enrolment!.secret });
    const refused = new LoginError("unavailable");
    expect(await signIn().enrolmentStep(code, "192.0.2.1", async () => refused)).toBe(refused);
    expect(credentials).toEqual([]);
    expect(await signIn().enrolmentStep(code, "192.0.2.1", finishes)).toBeNull();
    expect(credentials).toHaveLength(1);
  });

  it("adds nothing for a code that does not match the secret shown", async () => {
    const answer = await signIn().enrolmentStep("000000", "192.0.2.1", finishes);
    expect(answer).toEqual({ error: expect.stringContaining("does not match this QR code") });
    expect(credentials).toEqual([]);
  });

  it("is no way in for a sign-in that was not asked to enrol", async () => {
    pending = { ...pending!, enrol: false };
    expect(await signIn().enrolmentStep(await generate({ secret: enrolment!.secret }), "192.0.2.1", finishes)).toMatchObject({ code: "receipt_expired" });
    expect(credentials).toEqual([]);
  });
});
