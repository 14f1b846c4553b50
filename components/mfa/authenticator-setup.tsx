"use client";
import { QRCodeSVG } from "qrcode.react";
import { useState } from "react";

/** The component's words, translated on the server (lib/i18n/labels.ts). */
export interface AuthenticatorSetupLabels {
  /** With {account} and {issuer} filled in. */
  qrTitle: string;
  steps: [string, string, string];
  setupKey: string;
  copy: string;
  copied: string;
  account: string;
  type: string;
  typeValue: string;
  algorithm: string;
  digits: string;
  period: string;
  periodValue: string;
}

/**
 * The QR code and the same secret as text, grouped by four for typing. Shown only while an
 * enrolment is pending: once activated, the secret never reaches a browser again.
 */
export function AuthenticatorSetup({
  uri,
  groupedKey,
  account,
  compact = false,
  labels,
}: {
  uri: string;
  groupedKey: string;
  account: string;
  /** Stacked, for the narrow sign-in card. */
  compact?: boolean;
  labels: AuthenticatorSetupLabels;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(groupedKey.replaceAll(" ", ""));
    setCopied(true);
  };
  return (
    <div className={compact ? "grid justify-items-center gap-5" : "grid gap-6 sm:grid-cols-[auto_1fr]"}>
      <div className="self-start rounded-lg bg-white p-3 ring-1 ring-zinc-200">
        <QRCodeSVG value={uri} size={176} level="M" title={labels.qrTitle} role="img" />
      </div>
      <div className="w-full space-y-4 text-sm">
        <ol className="list-decimal space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
          {labels.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <div>
          <p id="setup-key-label" className="font-medium">{labels.setupKey}</p>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <code aria-labelledby="setup-key-label" className="rounded-md bg-zinc-100 px-3 py-2 font-mono text-base tracking-wider dark:bg-zinc-800">
              {groupedKey}
            </code>
            <button type="button" onClick={copy} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              {copied ? labels.copied : labels.copy}
            </button>
          </div>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-zinc-700 dark:text-zinc-300">
          <dt>{labels.account}</dt>
          <dd>{account}</dd>
          <dt>{labels.type}</dt>
          <dd>{labels.typeValue}</dd>
          <dt>{labels.algorithm}</dt>
          <dd>SHA1</dd>
          <dt>{labels.digits}</dt>
          <dd>6</dd>
          <dt>{labels.period}</dt>
          <dd>{labels.periodValue}</dd>
        </dl>
      </div>
    </div>
  );
}
