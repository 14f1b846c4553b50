import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { pendingLogins } from "@/lib/auth/pending-login";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { canContinueWithTotp } from "@/lib/auth/sign-in";
import { passcodeBlockedFor } from "@/lib/auth/sign-in-server";
import { describeMethods } from "@/lib/mfa/methods";
import { AuthenticatorSetup } from "@/components/mfa/authenticator-setup";
import { config } from "@/lib/config";
import { hasServiceAccount } from "@/lib/keystone-service";
import { pendingEnrolment } from "@/lib/mfa/pending-enrolment";
import { groupedSecret } from "@/lib/totp/secret";
import { otpauthUri } from "@/lib/totp/uri";
import { SignInPaused } from "../sign-in-paused";
import { StartOver } from "../start-over-button";
import { PasscodeForm } from "./passcode-form";

export const metadata: Metadata = { title: "Passcode" };

export default async function PasscodePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const pending = await pendingLogins.get();
  if (!pending) redirect("/login?reason=receipt-expired");
  const next = safeNextPath((await searchParams).next);

  if (!canContinueWithTotp(pending)) {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">More verification needed</h1>
        <Alert tone="warning">
          Your account also requires {describeMethods(pending.missingMethods)}. This dashboard can only ask for a
          passcode from an authenticator app, so it cannot finish this sign-in. Ask your cloud administrator about
          your account&apos;s sign-in rules.
        </Alert>
        <StartOver />
      </>
    );
  }

  const blockedFor = await passcodeBlockedFor(pending.userId);
  if (blockedFor > 0) return <SignInPaused seconds={blockedFor} />;

  if (pending.enrol) {
    const enrolment = await pendingEnrolment(pending.userId);
    if (!enrolment) redirect("/login?reason=receipt-expired");
    const account = `${pending.userName}@${pending.domainName}`;
    const issuer = config().MFA_ISSUER;
    return (
      <>
        <h1 className="text-xl font-semibold">{pending.recovering ? "Set up your new authenticator" : "Set up your authenticator"}</h1>
        <p className="mb-6 mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {pending.recovering
            ? "Recovery code accepted. Add your account to an authenticator app again, on your new phone for example. Once this one works, your lost authenticator stops working."
            : "Your account now requires a passcode from an authenticator app, and none is set up yet. Add one to finish signing in."}
        </p>
        <AuthenticatorSetup
          uri={otpauthUri({ issuer, account, secret: enrolment.secret })}
          groupedKey={groupedSecret(enrolment.secret)}
          account={account}
          issuer={issuer}
          compact
        />
        <div className="mt-6">
          <PasscodeForm next={next} expiresAt={pending.expiresAt} enrol />
        </div>
        <StartOver />
      </>
    );
  }

  return (
    <>
      <h1 className="text-xl font-semibold">Enter your passcode</h1>
      <p className="mb-6 mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{pending.userName}</span>. Open
        your authenticator app and enter the 6-digit code it shows for this account.
      </p>
      <PasscodeForm next={next} expiresAt={pending.expiresAt} />
      {hasServiceAccount() && (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
          Lost your authenticator?{" "}
          <Link href={next === "/" ? "/login/recovery" : `/login/recovery?next=${encodeURIComponent(next)}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            Use a recovery code
          </Link>
        </p>
      )}
      {!hasServiceAccount() && (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
          No authenticator app set up for this account yet? This dashboard cannot add one while you sign in: contact
          your cloud administrator.
        </p>
      )}
      <StartOver />
    </>
  );
}
