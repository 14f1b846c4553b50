import "server-only";
import { z } from "zod";
import { isKeystoneError, MfaRequiredError, PasswordExpiredError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import { audit } from "@/lib/security/audit";
import { securityGuards as guards } from "@/lib/security";
import { normalizePasscode } from "@/lib/totp/passcode";
import { LoginError } from "./login-errors";
import { EXPIRED_PASSWORD_SECONDS, expiredPassword } from "./password-change";
import { lacksAuthenticator } from "@/lib/mfa/login-enrolment";
import { enforcePolicyAtLogin } from "@/lib/mfa/policy-at-login";
import { startEnrolment } from "@/lib/mfa/pending-enrolment";
import { canContinueWithTotp, clearPendingLogin, pendingLogin, savePendingLogin } from "./pending-login";
import { scopeToAProject, toSessionUser, type SessionUser } from "./session-user";

const passwordForm = z.object({
  username: z.string().trim().min(1).max(255),
  password: z.string().min(1).max(4096),
  domain: z.string().trim().min(1).max(255).default("Default"),
});

/**
 * The password step. Ends in a session, or in a LoginError whose code tells the page what next:
 * "mfa_required" (a receipt is saved for the passcode step), "password_expired", or a message.
 */
export async function passwordStep(raw: unknown, clientAddress: string): Promise<SessionUser> {
  const form = passwordForm.safeParse(raw);
  if (!form.success) throw new LoginError("input");
  const attempt = await guards().passwordAttempt(clientAddress, form.data.username, form.data.domain);
  if (!attempt.allowed) {
    await audit({ event: "login.throttled", clientAddress, outcome: "blocked", reason: "password attempts" });
    throw new LoginError("throttled", attempt.retryAfter);
  }
  try {
    let issued = await keystone().auth.password(form.data);
    await attempt.giveBack();
    if (await enforcePolicyAtLogin(issued.info.user)) {
      await keystone().auth.revoke(issued.token).catch(() => undefined);
      issued = await keystone().auth.password(form.data); // now answers with an auth receipt
    }
    const user = toSessionUser(await scopeToAProject(keystone(), issued));
    await audit({ event: "login.password", userId: user.id, userName: user.name, clientAddress, outcome: "success" });
    return user;
  } catch (e) {
    if (e instanceof MfaRequiredError) {
      await attempt.giveBack();
      const enrol = canContinueWithTotp(e) && (await lacksAuthenticator(e.details.user.id));
      if (enrol) await startEnrolment(e.details.user.id);
      await savePendingLogin(e.details, e.missingMethods, enrol);
      const { id, name } = e.details.user;
      await audit({ event: "login.password", userId: id, userName: name, clientAddress, outcome: "mfa_required" });
      throw new LoginError("mfa_required");
    }
    if (e instanceof PasswordExpiredError) {
      await attempt.giveBack();
      await expiredPassword.set({ userId: e.userId }, EXPIRED_PASSWORD_SECONDS);
      await audit({ event: "login.password", userId: e.userId, clientAddress, outcome: "failure", reason: "password expired" });
      throw new LoginError("password_expired");
    }
    if (isKeystoneError(e, "bad_credentials")) {
      await audit({ event: "login.password", clientAddress, outcome: "failure", reason: "rejected by Keystone" });
      if (attempt.blockedIfFails > 0) throw new LoginError("throttled", attempt.blockedIfFails);
      throw new LoginError("invalid");
    }
    await attempt.giveBack();
    // Anything else Keystone answered (down, slow, an error of its own) is not the user's mistake.
    if (isKeystoneError(e)) throw new LoginError("unavailable");
    throw e;
  }
}

/** Seconds before this user may try passcodes again (0 when they may). */
export const passcodeBlockedFor = (userId: string) => guards().passcodeBlockedFor(userId);

/** The passcode step: the saved receipt plus a TOTP passcode, behind the replay guard and attempt limit. */
export async function passcodeStep(raw: unknown, clientAddress: string): Promise<SessionUser> {
  const pending = await pendingLogin();
  if (!pending) throw new LoginError("receipt_expired");
  const passcode = normalizePasscode((raw as { passcode?: unknown } | null)?.passcode);
  if (!passcode) throw new LoginError("passcode_format");
  const { userId, userName } = pending;
  const who = { userId, userName, clientAddress };

  const attempt = await guards().passcodeAttempt(userId);
  if (!attempt.allowed) {
    await audit({ event: "login.throttled", ...who, outcome: "blocked", reason: "passcode attempts" });
    throw new LoginError("blocked", attempt.retryAfter);
  }
  if (!(await guards().claimPasscode(userId, passcode))) {
    await attempt.giveBack();
    await audit({ event: "login.passcode", ...who, outcome: "failure", reason: "passcode reused" });
    throw new LoginError("passcode_reused");
  }

  try {
    const issued = await keystone().auth.totp({ userId, passcode, receipt: pending.receipt });
    await attempt.giveBack();
    await clearPendingLogin();
    const user = toSessionUser(await scopeToAProject(keystone(), issued));
    await audit({ event: "login.passcode", ...who, outcome: "success" });
    return user;
  } catch (e) {
    await guards().releasePasscode(userId, passcode);
    // Only a refused passcode is the user's: Keystone being down or erring costs no attempt.
    if (!isKeystoneError(e, "bad_credentials")) await attempt.giveBack();
    if (!isKeystoneError(e)) throw e;
    if (!isKeystoneError(e, "bad_credentials")) throw new LoginError("unavailable");
    if (Date.parse(pending.expiresAt) <= Date.now()) {
      await clearPendingLogin();
      throw new LoginError("receipt_expired");
    }
    await audit({ event: "login.passcode", ...who, outcome: "failure", reason: "wrong passcode" });
    if (attempt.blockedIfFails > 0) throw new LoginError("blocked", attempt.blockedIfFails);
    throw new LoginError("wrong_passcode", 0, attempt.attemptsLeft);
  }
}
