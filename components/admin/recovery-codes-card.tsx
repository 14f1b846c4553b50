import { Card } from "@/components/ui/card";
import { FEW_CODES_LEFT } from "@/lib/mfa/recovery-codes";
import type { RecoverySummary } from "@/lib/mfa/recovery";

/** Identity > Users > user: how many of the user's recovery codes are left (never the codes). */
export function RecoveryCodesCard({ summary }: { summary: RecoverySummary | null }) {
  return (
    <Card title="Recovery codes">
      <p className="text-sm font-medium">
        {summary ? `${summary.left} of ${summary.total} left` : "None: this user has no recovery codes."}
        {summary && summary.left <= FEW_CODES_LEFT && <span className="ml-2 text-amber-800 dark:text-amber-300">(few left)</span>}
      </p>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Each code signs the user in once in place of a lost authenticator, then they set up a new one. “Reset
        authenticators” also voids the codes.
      </p>
    </Card>
  );
}
