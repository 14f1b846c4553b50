import type { Metadata } from "next";
import Link from "next/link";
import { AuthenticatorSetup } from "@/components/mfa/authenticator-setup";
import { PasscodeActionForm } from "@/components/mfa/passcode-action-form";
import { RecoveryCodesPanel } from "@/components/mfa/recovery-codes-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { config } from "@/lib/config";
import { pendingEnrolment } from "@/lib/mfa/pending-enrolment";
import type { Outcome } from "@/lib/mfa/self-service";
import type { MfaState } from "@/lib/mfa/state";
import { groupedSecret } from "@/lib/totp/secret";
import { otpauthUri } from "@/lib/totp/uri";
import { selfService } from "@/lib/use-cases";
import { withKeystoneSession } from "@/lib/session";
import { activate, cancelSetup, regenerateRecoveryCodes, remove, startSetup, turnOff } from "./actions";

export const metadata: Metadata = { title: "Security" };

// A Map: `?done=constructor` must find nothing, not Object's own.
const outcomes = new Map<string, string>([
  ["activated", "Two-factor sign-in is on. From now on you sign in with your password and a passcode."],
  ["registered", "Your authenticator is registered, but this dashboard may not enforce it: ask an administrator to turn on MFA for your account."],
  ["added", "Authenticator added. Any of your authenticators can be used to sign in."],
  ["removed", "Authenticator removed."],
  ["off", "MFA is off and your authenticators are removed."],
  ["codes", "Your new recovery codes are in place. The old ones no longer work."],
] satisfies [Outcome, string][]);

const states: Record<MfaState, { badge: string; tone: string; text: string }> = {
  enforced: {
    badge: "On",
    tone: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
    text: "Signing in needs your password and a passcode from your authenticator app.",
  },
  registered: {
    badge: "Registered, not enforced",
    tone: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
    text: "You have an authenticator, but Keystone does not require it: your password alone signs you in, and so does a passcode alone. Ask an administrator to enforce MFA, or turn it off below.",
  },
  off: {
    badge: "Off",
    tone: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100",
    text: "Your password alone signs you in. Add an authenticator app to protect your account with a second factor.",
  },
};

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={`${id}-section`} aria-labelledby={id} className="scroll-mt-20 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id={id} className="mb-4 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { user, mfa, enrolment } = await withKeystoneSession(async (user) => ({
    user,
    mfa: await selfService().status(user),
    enrolment: await pendingEnrolment(user.id),
  }));
  const done = (await searchParams).done;
  const notice = typeof done === "string" ? outcomes.get(done) : undefined;
  const state = states[mfa.state];
  const account = `${user.name}@${user.domain.name}`;
  const issuer = config().MFA_ISSUER;
  const authenticators = mfa.authenticatorIds;

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Security</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Two-factor sign-in with an authenticator app (TOTP).</p>
      </div>
      {notice && <Alert tone={done === "registered" ? "warning" : "success"}>{notice}</Alert>}

      <Section id="mfa-status" title="Multi-factor authentication">
        <p className="flex items-center gap-3">
          <span className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${state.tone}`}>{state.badge}</span>
        </p>
        <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">{state.text}</p>
        {mfa.enforcedBy && <p className="mt-3 text-sm font-medium text-zinc-800 dark:text-zinc-200">{mfa.enforcedBy}</p>}
        {!mfa.turnOff.allowed && !mfa.enforcedBy && <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">{mfa.turnOff.reason}</p>}
        {mfa.rulesInWords.length > 0 && (
          <div className="mt-3 text-sm">
            <p className="font-medium">Keystone lets you sign in with:</p>
            <ul className="mt-1 list-disc pl-5 text-zinc-700 dark:text-zinc-300">
              {mfa.rulesInWords.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </div>
        )}
        <p className={`mt-3 text-sm ${mfa.applicationCredentials.accepted ? "text-zinc-700 dark:text-zinc-300" : "font-medium text-amber-900 dark:text-amber-200"}`}>
          {mfa.applicationCredentials.words}{" "}
          <Link href="/settings/api-access/application-credentials" className="font-medium text-brand-700 underline dark:text-brand-100">
            Application credentials
          </Link>
        </p>
      </Section>

      {enrolment ? (
        <Section id="setup" title="Set up an authenticator">
          <AuthenticatorSetup
            uri={otpauthUri({ issuer, account, secret: enrolment.secret })}
            groupedKey={groupedSecret(enrolment.secret)}
            account={account}
            issuer={issuer}
          />
          <div className="mt-6 border-t border-zinc-200 pt-5 dark:border-zinc-800">
            {mfa.addingNeedsPasscode && (
              <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
                Adding another authenticator needs a current passcode from one you already use, so that only you can add one.
              </p>
            )}
            <PasscodeActionForm id="activate-passcode" action={activate} submit="Activate" currentPasscode={mfa.addingNeedsPasscode} />
            <form action={cancelSetup} className="mt-3">
              <button type="submit" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">Cancel setup</button>
            </form>
          </div>
        </Section>
      ) : (
        <form action={startSetup}>
          <Button type="submit">{authenticators.length ? "Add another authenticator" : "Set up authenticator"}</Button>
        </form>
      )}

      {authenticators.length > 0 && (
        <Section id="authenticators" title={`Your authenticators (${authenticators.length})`}>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {authenticators.map((id, i) => (
              <li key={id} className="py-4 first:pt-0">
                <p className="mb-2 text-sm">
                  <span className="font-medium">Authenticator {i + 1}</span>{" "}
                  <span className="text-zinc-600 dark:text-zinc-400">(id …{id.slice(-6)})</span>
                </p>
                <PasscodeActionForm
                  id={`remove-${id}`}
                  action={remove}
                  submit={`Remove authenticator ${i + 1}`}
                  hidden={{ credentialId: id }}
                  variant="danger"
                  label="Current passcode"
                />
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="recovery-codes" title="Recovery codes">
        <RecoveryCodesPanel status={mfa.recovery} hasAuthenticator={authenticators.length > 0} regenerate={regenerateRecoveryCodes} />
      </Section>

      {mfa.state !== "off" && mfa.turnOff.allowed && (
        <Section id="turn-off" title="Turn off MFA">
          <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
            Removes the rule that asks for a passcode, then every authenticator. Your password alone will sign you in.
          </p>
          <PasscodeActionForm id="turn-off-passcode" action={turnOff} submit="Turn off MFA" variant="danger" label="Current passcode" />
        </Section>
      )}
    </div>
  );
}
