import { Alert } from "@/components/ui/alert";
import { FEW_CODES_LEFT } from "@/lib/mfa/recovery-codes";
import { RECOVERY_NOT_OFFERED, type RecoveryStatus } from "@/lib/mfa/self-service";
import { PasscodeActionForm } from "./passcode-action-form";

type Action = (prev: { error?: string }, form: FormData) => Promise<{ error?: string }>;

/** Settings > Security: how many recovery codes are left, and a new set for a current passcode. */
export function RecoveryCodesPanel({ status, hasAuthenticator, regenerate }: { status: RecoveryStatus; hasAuthenticator: boolean; regenerate: Action }) {
  const text = "text-sm text-zinc-700 dark:text-zinc-300";
  if (!status.offered) return <p className={text}>{RECOVERY_NOT_OFFERED}</p>;
  if (!hasAuthenticator) {
    return <p className={text}>Once you set up an authenticator app, you also get 10 recovery codes: each signs you in once if you lose it.</p>;
  }
  const { summary } = status;
  return (
    <div className="space-y-3">
      <p className="font-medium">{summary ? `Recovery codes: ${summary.left} of ${summary.total} left` : "You have no recovery codes."}</p>
      {summary && summary.left <= FEW_CODES_LEFT && (
        <Alert tone="warning">
          {summary.left === 0 ? "You have no recovery codes left." : `Only ${summary.left} recovery ${summary.left === 1 ? "code is" : "codes are"} left.`}{" "}
          Make new ones now, while you still have your authenticator.
        </Alert>
      )}
      <p className={text}>
        If you lose your authenticator app, a recovery code signs you in once in place of a passcode, and you set up the
        app again. {summary ? "New codes replace these: the old ones stop working." : "Make a set now and keep it somewhere safe."}
      </p>
      <PasscodeActionForm
        id="recovery-codes-passcode"
        action={regenerate}
        submit={summary ? "Regenerate recovery codes" : "Generate recovery codes"}
        label="Current passcode"
      />
    </div>
  );
}
