import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { LoginError } from "@/lib/auth/login-errors";
import {
  ALREADY_ENROLLED,
  createSignIn,
  ENROLMENT_ELSEWHERE,
  RECOVERY_SPENT,
  type PendingLogin,
  type SignInDeps,
} from "@/lib/auth/sign-in";
import { KeystoneError, MfaRequiredError, PasswordExpiredError, type IssuedToken } from "@/lib/keystone";
import type { AuditEvent } from "@/lib/security/audit";
import { createGuards, type Guards } from "@/lib/security/limits";
import { oneChangeAtATime } from "@/lib/mfa/change-lock";
import { recoveryCodes } from "@/lib/mfa/recovery";
import { createMemoryStore } from "@/lib/security/memory-store";
import { newTotpSecret } from "@/lib/totp/secret";
import { createFakeKeystone } from "../support/fake-keystone";
import { english } from "../support/english";

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
let enrolment: { userId: string; secret: string; recoveryTicket?: string } | null;
/** The user's TOTP credentials in Keystone: id -> secret. */
let credentials: Map<string, string>;
const secrets = () => [...credentials.values()];
let nextCredential: number;
/** The recovery codes kept in a fake Keystone, through the real store (lock, hashes, use marks). */
let recoveryKeystone: ReturnType<typeof createFakeKeystone>;
let serviceAccount: boolean;
let shownCodes: Map<string, string[]>;
let redemptions: number;
let fake: FakeKeystone;
let deps: SignInDeps;
let guards: Guards;
/** The tokens the steps said a session may start with, in order. */
let sessionTokens: string[];

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
  credentials = new Map();
  nextCredential = 0;
  serviceAccount = true;
  shownCodes = new Map();
  redemptions = 0;
  sessionTokens = [];
  recoveryKeystone = createFakeKeystone();
  recoveryKeystone.addUser({ id: USER.id, name: USER.name });
  const serviceToken = recoveryKeystone.tokenFor("svc", true);
  fake = {
    password: () => ({ ms: 40, answer: () => issued() }),
    totp: () => ({ ms: 40, answer: () => issued(["password", "totp"]) }),
  };
  const now = () => clock;
  guards = createGuards(createMemoryStore(now), "s".repeat(32));
  const store = recoveryCodes({ keystone: recoveryKeystone.keystone, locks: guards, now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
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
    guards,
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
      start: async (userId, recoveryTicket) => {
        enrolment = { userId, secret: newTotpSecret(), ...(recoveryTicket ? { recoveryTicket } : {}) };
      },
      get: async (userId) => (enrolment?.userId === userId ? enrolment : null),
      clear: async () => {
        enrolment = null;
      },
    },
    expiredPasswords: { remember: async () => {} },
    authenticators: {
      ids: async () => [...credentials.keys()],
      create: (_userId, secret) =>
        takes(30, () => {
          const id = `cred-${++nextCredential}`;
          credentials.set(id, secret);
          return id;
        }),
      remove: async (id) => {
        credentials.delete(id);
      },
    },
    recoveryCodes: {
      redeem: async (userId, code) => {
        redemptions++;
        return serviceAccount ? store.redeem(serviceToken, userId, code) : null;
      },
      replace: async (userId) => (serviceAccount ? store.replace(serviceToken, userId) : null),
    },
    freshCodes: {
      keep: async (userId, codes) => {
        shownCodes.set(userId, codes);
      },
    },
    enforcePolicy: async () => false,
    tokenIssued: (token) => {
      sessionTokens.push(token);
    },
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
const wrongPasscode = () => ({ ms: 40, answer: () => { throw new KeystoneError("bad_credentials", "Unauthorized", 401); } });
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
    credentials = new Map([["existing", "SECRET"]]);
    await password({ username: "alice", password: "right" });
    expect(pending).toMatchObject({ receipt: "receipt-1", userId: USER.id, enrol: false, missingMethods: [["totp"]] });
    expect(enrolment).toBeNull();

    credentials = new Map();
    await password({ username: "alice", password: "right" });
    expect(pending?.enrol).toBe(true);
    expect(enrolment?.userId).toBe(USER.id);

    // Unknown (no service account, Keystone erring): the ordinary passcode step.
    enrolment = null;
    deps.authenticators.ids = async () => null;
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

  it("says a session token was issued as soon as Keystone issues it, while the MFA policy is still being checked", async () => {
    const token = issued();
    fake.password = () => ({ ms: 40, answer: () => token });
    let whilePolicyChecked: string[] = [];
    deps.enforcePolicy = async () => {
      whilePolicyChecked = [...sessionTokens];
      return false;
    };
    expect(await password({ username: "alice", password: "right" })).toBe("session");
    expect(whilePolicyChecked).toEqual([token.token]);
  });

  it("says nothing of a token the session will not keep: an unscoped one (rescoped first), or none at all", async () => {
    const unscoped = issued();
    delete unscoped.info.project;
    fake.password = () => ({ ms: 40, answer: () => unscoped });
    expect(await password({ username: "alice", password: "right" })).toBe("session");
    fake.password = wrongPassword;
    expect(await password({ username: "alice", password: "wrong" })).toBe("invalid");
    fake.password = () => ({ ms: 40, answer: () => { throw receiptFor(); } });
    expect(await password({ username: "alice", password: "right" })).toBe("mfa_required");
    expect(sessionTokens).toEqual([]);
  });
});

describe("the passcode step", () => {
  beforeEach(() => {
    pending = { receipt: "receipt-1", userId: USER.id, userName: "alice", domainName: "Default", expiresAt: new Date(Date.now() + 300_000).toISOString(), missingMethods: [["totp"]], enrol: false };
  });
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

  it("says a session token was issued with the passcode's token, and not for a wrong passcode", async () => {
    fake.totp = wrongPasscode;
    expect(await passcode("111111")).toBe("wrong_passcode");
    expect(sessionTokens).toEqual([]);
    const token = issued(["password", "totp"]);
    fake.totp = () => ({ ms: 40, answer: () => token });
    expect(await passcode("222222")).toBe("session");
    expect(sessionTokens).toEqual([token.token]);
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

describe("a returning user's authenticator", () => {
  let lookups: number;
  beforeEach(() => {
    lookups = 0;
    const ids = deps.authenticators.ids;
    deps.authenticators.ids = (userId) => {
      lookups++;
      return ids(userId);
    };
    credentials = new Map([["existing", "SECRET"]]);
    fake.password = () => ({ ms: 40, answer: () => { throw receiptFor(); } });
  });
  const signInWith = async (code: string) => {
    expect(await password({ username: "alice", password: "right" })).toBe("mfa_required");
    return signIn().passcodeStep({ passcode: code }, "192.0.2.1").then(() => "session", refusal);
  };

  it("is asked of Keystone until a passcode of the user's was accepted, then not", async () => {
    expect(await signInWith("111111")).toBe("session");
    expect(lookups).toBe(1);
    expect(await signInWith("222222")).toBe("session");
    expect(await signInWith("333333")).toBe("session");
    expect(lookups).toBe(1);
    expect(pending).toBeNull();
  });

  it("is asked again after a change of the user's MFA through the dashboard", async () => {
    expect(await signInWith("111111")).toBe("session");
    await oneChangeAtATime(guards, { now: () => new Date(clock), sleep: async () => {} })(USER.id, async () => {
      credentials = new Map();
    });
    expect(await password({ username: "alice", password: "right" })).toBe("mfa_required");
    expect(lookups).toBe(2);
    expect(pending).toMatchObject({ enrol: true });
    expect(pending?.assumed).toBeUndefined();
  });

  it("removed outside the dashboard: the first wrong passcode asks Keystone, finds none, and turns the step into an enrolment, uncounted", async () => {
    expect(await signInWith("111111")).toBe("session");
    credentials = new Map(); // removed with the CLI
    fake.totp = wrongPasscode;
    expect(await signInWith("222222")).toBe("enrolment_required");
    expect(lookups).toBe(2);
    expect(pending).toMatchObject({ enrol: true, assumed: false, authenticatorRemoved: true });
    expect(enrolment?.userId).toBe(USER.id);
    expect(await guards.passcodeAttempt(USER.id)).toMatchObject({ attemptsLeft: 4 }); // the first counted since
    expect(audits.at(-1)).toMatchObject({ event: "login.passcode", outcome: "failure", reason: "no authenticator left" });
  });

  it("still there: a wrong passcode is counted as one, asks Keystone once, and the next sign-in asks again", async () => {
    expect(await signInWith("111111")).toBe("session");
    fake.totp = wrongPasscode;
    const error = await signInWith("222222");
    expect(error).toBe("wrong_passcode");
    expect(lookups).toBe(2);
    expect(pending).toMatchObject({ enrol: false, assumed: false });
    expect(await signIn().passcodeStep({ passcode: "333333" }, "192.0.2.1").then(() => "session", refusal)).toBe("wrong_passcode");
    expect(lookups).toBe(2); // once per pending login
    expect(await password({ username: "alice", password: "right" })).toBe("mfa_required");
    expect(lookups).toBe(3);
  });
});

describe("enrolment at sign-in", () => {
  beforeEach(async () => {
    pending = { receipt: "receipt-1", userId: USER.id, userName: "alice", domainName: "Default", expiresAt: new Date(Date.now() + 300_000).toISOString(), missingMethods: [["totp"]], enrol: true };
    await deps.enrolments.start(USER.id);
  });
  const finishes = async () => null;
  const done = { signedIn: true, recoveryCodes: true };

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
    expect(english([a, b])).toContainEqual(done);
    expect(english([a, b])).toContainEqual({ error: english(ENROLMENT_ELSEWHERE) });
    expect(secrets()).toHaveLength(1);
  });

  it("asks again whether the user still has no authenticator: a later activation adds none", async () => {
    const first = enrolment!.secret;
    expect(await signIn().enrolmentStep(await generate({ secret: first }), "192.0.2.1", finishes)).toEqual(done);
    await deps.enrolments.start(USER.id);
    expect(english(await signIn().enrolmentStep(await generate({ secret: enrolment!.secret }), "192.0.2.1", finishes))).toEqual({ error: english(ALREADY_ENROLLED) });
    expect(secrets()).toEqual([first]);
    expect(audits.map((a) => `${a.event} ${a.outcome}`)).toEqual(["login.enrolment success", "login.enrolment refused"]);
  });

  it("takes the credential back when the sign-in does not finish, and lets a new try go on", async () => {
    const code = await generate({ secret: enrolment!.secret });
    const refused = new LoginError("unavailable");
    expect(await signIn().enrolmentStep(code, "192.0.2.1", async () => refused)).toBe(refused);
    expect(secrets()).toEqual([]);
    expect(await signIn().enrolmentStep(code, "192.0.2.1", finishes)).toEqual(done);
    expect(secrets()).toHaveLength(1);
  });

  it("adds nothing for a code that does not match the secret shown", async () => {
    const answer = await signIn().enrolmentStep("000000", "192.0.2.1", finishes);
    expect(english(answer)).toEqual({ error: expect.stringContaining("does not match this QR code") });
    expect(secrets()).toEqual([]);
  });

  it("is no way in for a sign-in that was not asked to enrol", async () => {
    pending = { ...pending!, enrol: false };
    expect(await signIn().enrolmentStep(await generate({ secret: enrolment!.secret }), "192.0.2.1", finishes)).toMatchObject({ code: "receipt_expired" });
    expect(secrets()).toEqual([]);
  });
});

describe("a recovery code at sign-in", () => {
  const LOST = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  let codes: string[];
  beforeEach(async () => {
    pending = { receipt: "receipt-1", userId: USER.id, userName: "alice", domainName: "Default", expiresAt: new Date(Date.now() + 300_000).toISOString(), missingMethods: [["totp"]], enrol: false };
    credentials = new Map([["cred-lost", LOST]]);
    codes = (await deps.recoveryCodes.replace(USER.id))!;
    redemptions = 0;
  });
  const recover = (code: string) => signIn().recoveryStep({ code }, "192.0.2.1").then(() => "recovering", refusal);
  const wrongCode = (i = 0) => `${"0".repeat(9)}${i}`;
  const recoveryWrites = () => recoveryKeystone.writes.filter((w) => w.startsWith("PATCH credential")).length;

  it("a valid code, checked once for the receipt's user, turns the passcode step into the enrolment of a new authenticator", async () => {
    expect(await recover(codes[0].toUpperCase())).toBe("recovering");
    expect(pending).toMatchObject({ enrol: true, recovering: true, receipt: "receipt-1" });
    expect(enrolment).toMatchObject({ userId: USER.id, recoveryTicket: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(secrets()).toEqual([LOST]); // nothing is removed yet
    expect(audits.at(-1)).toMatchObject({ event: "login.recovery", outcome: "success", details: { codesLeft: 9 } });

    // Another sign-in later: the code is used up.
    pending = { ...pending!, enrol: false, recovering: undefined };
    expect(await recover(codes[0])).toBe("wrong_recovery_code");
    expect(audits.at(-1)).toMatchObject({ event: "login.recovery", outcome: "failure", reason: "recovery code used before" });
    const logged = JSON.stringify(audits);
    for (const code of codes) expect(logged).not.toContain(code.replace("-", ""));
  });

  it("counts in the passcode limit: of 6 wrong codes, 5 are checked, then the right code and the right passcode are refused", async () => {
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await recover(wrongCode(i)));
    expect(outcomes).toEqual(["wrong_recovery_code", "wrong_recovery_code", "wrong_recovery_code", "wrong_recovery_code", "blocked", "blocked"]);
    expect(redemptions).toBe(5);
    expect(await recover(codes[1])).toBe("blocked");
    expect(redemptions).toBe(5);
    expect(await signIn().passcodeStep({ passcode: "123456" }, "192.0.2.1").then(() => "session", refusal)).toBe("blocked");
    expect(calls.totp).toBe(0);
    expect(audits.filter((a) => a.event === "login.throttled")).toHaveLength(3);
  });

  it("adds up with wrong passcodes", async () => {
    fake.totp = () => ({ ms: 40, answer: () => { throw new KeystoneError("bad_credentials", "Unauthorized", 401); } });
    for (let i = 0; i < 3; i++) await signIn().passcodeStep({ passcode: String(111111 * (i + 1)) }, "192.0.2.1").catch(() => undefined);
    const error = await signIn().recoveryStep({ code: wrongCode() }, "192.0.2.1").catch((e: LoginError) => e);
    expect(error).toMatchObject({ code: "wrong_recovery_code", attemptsLeft: 1 });
    expect(await recover(wrongCode(1))).toBe("blocked");
    expect(await recover(codes[0])).toBe("blocked");
  });

  it("ten submissions of one code at once: one goes on, one write reaches Keystone, the others are refused", async () => {
    recoveryKeystone.writes.length = 0;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => recover(codes[2])));
    expect(outcomes.filter((o) => o === "recovering")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "wrong_recovery_code" || o === "blocked")).toHaveLength(9);
    expect(recoveryWrites()).toBe(1);
    expect(redemptions).toBeLessThanOrEqual(5);
  });

  it("refuses what cannot be a code without counting it or asking Keystone", async () => {
    for (const code of ["", "123456", "k7m2q-x9p4", "k7m2q-x9p4t-z", "\u0000".repeat(10), "ü".repeat(10)]) expect(await recover(code)).toBe("recovery_format");
    expect(redemptions).toBe(0);
    const error = await signIn().recoveryStep({ code: wrongCode() }, "192.0.2.1").catch((e: LoginError) => e);
    expect(error).toMatchObject({ code: "wrong_recovery_code", attemptsLeft: 4 });
  });

  it("is unavailable without a service account, and costs nothing", async () => {
    serviceAccount = false;
    expect(await recover(codes[0])).toBe("recovery_unavailable");
    const error = await signIn().recoveryStep({ code: wrongCode() }, "192.0.2.1").catch((e: LoginError) => e);
    expect(error).toMatchObject({ code: "recovery_unavailable" });
    serviceAccount = true;
    expect(await signIn().recoveryStep({ code: wrongCode() }, "192.0.2.1").catch((e: LoginError) => e)).toMatchObject({ attemptsLeft: 4 });
  });

  it("is no way around an enrolment, nor around methods the dashboard cannot ask for", async () => {
    pending = { ...pending!, enrol: true };
    expect(await recover(codes[0])).toBe("recovery_unavailable");
    pending = { ...pending!, enrol: false, missingMethods: [["application_credential"]] };
    expect(await recover(codes[0])).toBe("recovery_unavailable");
    pending = null;
    expect(await recover(codes[0])).toBe("receipt_expired");
    expect(redemptions).toBe(0);
  });

  it("removes the lost authenticators only once the sign-in with the new one finished, then shows fresh codes", async () => {
    await recover(codes[0]);
    const fresh = enrolment!.secret;
    let atSignIn: string[] = [];
    const finished = await signIn().enrolmentStep(await generate({ secret: fresh }), "192.0.2.1", async () => {
      atSignIn = secrets();
      return null;
    });
    expect(finished).toEqual({ signedIn: true, recoveryCodes: true });
    expect(atSignIn.sort()).toEqual([LOST, fresh].sort());
    expect(secrets()).toEqual([fresh]);
    expect(enrolment).toBeNull();
    const shown = shownCodes.get(USER.id)!;
    expect(shown).toHaveLength(10);
    expect(shown).not.toContain(codes[1]);
    expect(audits.at(-1)).toMatchObject({ event: "login.enrolment", outcome: "success", details: { recovery: true, authenticatorsRemoved: 1, authenticatorsNotRemoved: 0, recoveryCodesIssued: true } });

    // The old set is void: its unused codes are refused; the fresh ones work.
    pending = { ...pending!, receipt: "receipt-2", enrol: false, recovering: undefined };
    expect(await recover(codes[1])).toBe("wrong_recovery_code");
    expect(await recover(shown[0])).toBe("recovering");
  });

  it("keeps the lost authenticators when the sign-in does not finish, takes the new one back, and lets a new try go on", async () => {
    await recover(codes[0]);
    const code = await generate({ secret: enrolment!.secret });
    const refused = new LoginError("unavailable");
    expect(await signIn().enrolmentStep(code, "192.0.2.1", async () => refused)).toBe(refused);
    expect(secrets()).toEqual([LOST]);
    expect(shownCodes.size).toBe(0);
    expect(await signIn().enrolmentStep(code, "192.0.2.1", async () => null)).toEqual({ signedIn: true, recoveryCodes: true });
    expect(secrets()).toHaveLength(1);
    expect(secrets()).not.toContain(LOST);
  });

  it("sets up one authenticator per code: the same cookies sent again cannot replace it", async () => {
    await recover(codes[0]);
    const [copyOfPending, copyOfEnrolment] = [pending, enrolment];
    const code = await generate({ secret: enrolment!.secret });
    expect(await signIn().enrolmentStep(code, "192.0.2.1", async () => null)).toMatchObject({ signedIn: true });
    const after = secrets();
    [pending, enrolment] = [copyOfPending, copyOfEnrolment];
    expect(english(await signIn().enrolmentStep(code, "192.0.2.1", async () => null))).toEqual({ error: english(RECOVERY_SPENT) });
    expect(secrets()).toEqual(after);
  });

  it("takes a user who ran out of time back to the same setup after their password", async () => {
    await recover(codes[0]);
    const { secret } = enrolment!;
    pending = null; // the receipt expired
    fake.password = () => ({ ms: 40, answer: () => { throw receiptFor(); } });
    expect(await password({ username: "alice", password: "right" })).toBe("mfa_required");
    expect(pending).toMatchObject({ enrol: true, recovering: true });
    expect(enrolment?.secret).toBe(secret);
  });
});
