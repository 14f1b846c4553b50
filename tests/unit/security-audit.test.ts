import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { audit, type AuditEvent } from "@/lib/security/audit";

let stdout: MockInstance<typeof process.stdout.write>;
let dir: string;

beforeEach(async () => {
  stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.stubEnv("AUDIT_LOG_FILE", "");
  dir = await mkdtemp(join(tmpdir(), "audit-"));
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const written = () => stdout.mock.calls.map(([chunk]) => String(chunk));

describe("audit", () => {
  it("writes one JSON line per event to stdout", async () => {
    await audit({
      event: "login.passcode",
      userId: "u1",
      userName: "alice\nforged line",
      clientAddress: "192.0.2.1",
      outcome: "failure",
      reason: "wrong passcode",
    });

    const lines = written();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^[^\n]*\n$/);
    const record = JSON.parse(lines[0]);
    expect(record).toEqual({
      audit: true,
      time: expect.any(String),
      event: "login.passcode",
      userId: "u1",
      userName: "alice\nforged line",
      clientAddress: "192.0.2.1",
      outcome: "failure",
      reason: "wrong passcode",
    });
    expect(new Date(record.time).toISOString()).toBe(record.time);
    expect(Math.abs(Date.parse(record.time) - Date.now())).toBeLessThan(5_000);
  });

  it("drops secret-looking details and fields the type does not know", async () => {
    const event = {
      event: "logout",
      outcome: "success",
      password: "hunter2",
      details: {
        project: "demo",
        attempts: 2,
        Password: "p1",
        newPasscode: "123456",
        access_token: "t1",
        clientSecret: "s1",
        receiptId: "r1",
      },
    } as AuditEvent;
    await audit(event);

    const [line] = written();
    expect(JSON.parse(line).details).toEqual({ project: "demo", attempts: 2 });
    for (const secret of ["hunter2", "p1", "123456", "t1", "s1", "r1"]) expect(line).not.toContain(secret);
  });

  it("appends the same lines to AUDIT_LOG_FILE when set", async () => {
    const file = join(dir, "audit.log");
    vi.stubEnv("AUDIT_LOG_FILE", file);
    await audit({ event: "login.password", clientAddress: "192.0.2.1", outcome: "failure" });
    await audit({ event: "login.throttled", clientAddress: "192.0.2.1", outcome: "blocked" });

    expect(await readFile(file, "utf8")).toBe(written().join(""));
    expect(written()).toHaveLength(2);
  });

  it("keeps logging to stdout when AUDIT_LOG_FILE cannot be written, and says so once", async () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.stubEnv("AUDIT_LOG_FILE", join(dir, "missing-directory", "audit.log"));
    await audit({ event: "logout", userId: "u1", outcome: "success" });
    await audit({ event: "logout", userId: "u2", outcome: "success" });

    expect(written()).toHaveLength(2);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0][0])).toContain("AUDIT_LOG_FILE");
  });
});
