import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { pendingLogins } from "@/lib/auth/pending-login";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { canContinueWithTotp } from "@/lib/auth/sign-in";
import { passcodeBlockedFor } from "@/lib/auth/sign-in-server";
import { hasServiceAccount } from "@/lib/keystone-service";
import { SignInPaused } from "../sign-in-paused";
import { StartOver } from "../start-over-button";
import { RecoveryForm } from "./recovery-form";

export const metadata: Metadata = { title: "Recovery code" };

const withNext = (path: string, next: string) => (next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`);

/** The passcode step for a user who lost their authenticator: one of their saved recovery codes instead. */
export default async function RecoveryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const pending = await pendingLogins.get();
  if (!pending) redirect("/login?reason=receipt-expired");
  const next = safeNextPath((await searchParams).next);
  // An enrolment, or rules that need more than a passcode: a recovery code has nothing to replace.
  if (pending.enrol || !canContinueWithTotp(pending)) redirect(withNext("/login/passcode", next));
  const back = (
    <p className="mt-4 text-center text-sm">
      <Link href={withNext("/login/passcode", next)} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
        Back to the passcode
      </Link>
    </p>
  );

  if (!hasServiceAccount()) {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">Use a recovery code</h1>
        <Alert tone="warning">
          This dashboard cannot check recovery codes (it has no service account). Ask your cloud administrator to reset
          your authenticators.
        </Alert>
        {back}
        <StartOver />
      </>
    );
  }

  const blockedFor = await passcodeBlockedFor(pending.userId);
  if (blockedFor > 0) return <SignInPaused seconds={blockedFor} />;

  return (
    <>
      <h1 className="text-xl font-semibold">Use a recovery code</h1>
      <p className="mb-6 mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{pending.userName}</span>. Enter one
        of the recovery codes you saved when you turned on two-factor sign-in. Each code works once; then you set up your
        authenticator app again.
      </p>
      <RecoveryForm next={next} expiresAt={pending.expiresAt} />
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
        No recovery codes? Ask your cloud administrator to reset your authenticators.
      </p>
      {back}
      <StartOver />
    </>
  );
}
