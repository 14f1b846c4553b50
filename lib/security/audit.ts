import { appendFile, readFile } from "node:fs/promises";
import { processWide } from "@/lib/process-wide";

export type AuditEventName =
  | "login.password"
  | "login.passcode"
  | "login.throttled"
  | "login.enrolment"
  | "login.recovery"
  | "login.policy"
  | "logout"
  | "admin.change"
  | "mfa.change"
  | "app_credential.change";
export type AuditOutcome = "success" | "failure" | "blocked" | "mfa_required" | "refused";

/** What an audit line may say. No free-form text beyond userName and reason, so secrets have nowhere to go. */
export interface AuditEvent {
  event: AuditEventName;
  outcome: AuditOutcome;
  userId?: string;
  userName?: string;
  clientAddress?: string;
  reason?: string;
  details?: Record<string, string | number | boolean | null>;
}

const SECRET_NAME = /password|passcode|token|secret|receipt/i;

let fileErrorReported = false;

export type AuditRecord = ReturnType<typeof auditRecord>;

const RECENT_MAX = 200;
// One buffer per process: events written by route handlers show on the Activity page too.
const recentEvents = () => processWide<AuditRecord[]>("audit-recent", () => []);

/**
 * The latest events, newest first: from AUDIT_LOG_FILE when set (so every instance's events show),
 * else those of this process.
 */
export async function recentAuditEvents(limit = RECENT_MAX): Promise<AuditRecord[]> {
  const file = process.env.AUDIT_LOG_FILE;
  const lines = file ? await readFile(file, "utf8").then((text) => text.trim().split("\n"), () => null) : null;
  const records = lines ? lines.slice(-limit).flatMap((l) => parseRecord(l)) : recentEvents().slice(-limit);
  return records.reverse();
}

function parseRecord(line: string): AuditRecord[] {
  try {
    return [JSON.parse(line) as AuditRecord];
  } catch {
    return [];
  }
}

/**
 * Writes the event as one JSON line to stdout, and appends it to AUDIT_LOG_FILE when set.
 * Resolves once written; never rejects.
 */
export async function audit(event: AuditEvent): Promise<void> {
  const record = auditRecord(event);
  const recent = recentEvents();
  recent.push(record);
  if (recent.length > RECENT_MAX) recent.shift();
  const line = `${JSON.stringify(record)}\n`;
  process.stdout.write(line);
  // Optional and outside the config contract, so read here.
  const file = process.env.AUDIT_LOG_FILE;
  if (!file) return;
  try {
    await appendFile(file, line);
  } catch (e) {
    if (fileErrorReported) return;
    fileErrorReported = true;
    console.error(`Audit log: cannot append to AUDIT_LOG_FILE (${(e as Error).message}); logging to stdout only`);
  }
}

// Copies the known fields one by one, so extra properties on the object never reach the log.
function auditRecord(event: AuditEvent) {
  return {
    audit: true,
    time: new Date().toISOString(),
    event: event.event,
    userId: event.userId,
    userName: event.userName,
    clientAddress: event.clientAddress,
    outcome: event.outcome,
    reason: event.reason,
    details: event.details && Object.fromEntries(Object.entries(event.details).filter(([name]) => !SECRET_NAME.test(name))),
  };
}
