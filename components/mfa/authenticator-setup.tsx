"use client";
import { QRCodeSVG } from "qrcode.react";
import { useState } from "react";

/**
 * The QR code and the same secret as text, grouped by four for typing. Shown only while an
 * enrolment is pending: once activated, the secret never reaches a browser again.
 */
export function AuthenticatorSetup({
  uri,
  groupedKey,
  account,
  issuer,
  compact = false,
}: {
  uri: string;
  groupedKey: string;
  account: string;
  issuer: string;
  /** Stacked, for the narrow sign-in card. */
  compact?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(groupedKey.replaceAll(" ", ""));
    setCopied(true);
  };
  return (
    <div className={compact ? "grid justify-items-center gap-5" : "grid gap-6 sm:grid-cols-[auto_1fr]"}>
      <div className="self-start rounded-lg bg-white p-3 ring-1 ring-zinc-200">
        <QRCodeSVG value={uri} size={176} level="M" title={`QR code to add ${account} at ${issuer} to an authenticator app`} role="img" />
      </div>
      <div className="w-full space-y-4 text-sm">
        <ol className="list-decimal space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
          <li>Open an authenticator app (FreeOTP, Google Authenticator, Aegis, 1Password…).</li>
          <li>Scan the QR code, or type the setup key below.</li>
          <li>Enter the 6-digit code the app shows, then Activate.</li>
        </ol>
        <div>
          <p id="setup-key-label" className="font-medium">Setup key</p>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <code aria-labelledby="setup-key-label" className="rounded-md bg-zinc-100 px-3 py-2 font-mono text-base tracking-wider dark:bg-zinc-800">
              {groupedKey}
            </code>
            <button type="button" onClick={copy} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              {copied ? "Copied" : "Copy key"}
            </button>
          </div>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-zinc-700 dark:text-zinc-300">
          <dt>Account</dt>
          <dd>{account}</dd>
          <dt>Type</dt>
          <dd>Time-based (TOTP)</dd>
          <dt>Algorithm</dt>
          <dd>SHA1</dd>
          <dt>Digits</dt>
          <dd>6</dd>
          <dt>Period</dt>
          <dd>30 seconds</dd>
        </dl>
      </div>
    </div>
  );
}
