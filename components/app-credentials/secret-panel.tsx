"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Created } from "@/lib/app-credentials/self-service";

function CopyField({ id, label, copyLabel, value }: { id: string; label: string; copyLabel: string; value: string }) {
  const t = useTranslations("appCredentials.secret");
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const input = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // No clipboard (a page not served over https, a refused permission): select it for Ctrl+C.
      input.current?.select();
      setCopied("no");
    }
  }
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <div className="mt-1 flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        />
        <Button type="button" variant="secondary" onClick={copy} aria-label={copyLabel}>{t("copy")}</Button>
      </div>
      <p aria-live="polite" className="mt-1 h-4 text-xs text-zinc-700 dark:text-zinc-300">
        {copied === "yes" ? t("copied", { field: label }) : copied === "no" ? t("selected") : ""}
      </p>
    </div>
  );
}

/** Saves text as a file, made in the browser: the secret is not sent again by any later response. */
function download(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The new credential's id and secret, shown this once, with copy buttons and the CLI files. */
export function SecretPanel({ created, refusal, onDone }: { created: Created; refusal: string | null; onDone: () => void }) {
  const t = useTranslations("appCredentials.secret");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [created.id]);
  return (
    <section aria-labelledby="created-heading" className="space-y-4 rounded-lg border-2 border-emerald-600 bg-emerald-50 p-5 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50">
      <h2 id="created-heading" ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
        {t("heading", { name: created.name })}
      </h2>
      <p className="text-sm">{t("once")}</p>
      {refusal && <Alert tone="warning">{refusal}</Alert>}
      <div className="grid gap-3 md:grid-cols-2">
        <CopyField id="created-id" label={t("id")} copyLabel={t("copyId")} value={created.id} />
        <CopyField id="created-secret" label={t("secretLabel")} copyLabel={t("copySecret")} value={created.secret} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => download("clouds.yaml", created.cloudsYaml, "application/yaml")}>{t("downloadClouds")}</Button>
        <Button type="button" variant="secondary" onClick={() => download(`${created.cloudName}-openrc.sh`, created.openrc, "text/x-shellscript")}>{t("downloadOpenrc")}</Button>
      </div>
      <p className="text-sm">
        {t.rich("usage", { dir: "~/.config/openstack/", command: `openstack --os-cloud ${created.cloudName} token issue`, code: (chunks) => <code>{chunks}</code>, cmd: (chunks) => <code className="break-all">{chunks}</code> })}
      </p>
      <Button type="button" onClick={onDone}>{t("done")}</Button>
    </section>
  );
}
