import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cloudsYaml } from "@/lib/clouds";
import { withKeystoneSession } from "@/lib/session";
import { cliProfile } from "./profile";

export const metadata: Metadata = { title: "API access" };

export default async function ApiAccessPage() {
  const profile = await withKeystoneSession(cliProfile);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API access</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Use the <code>openstack</code> command-line client as {profile.username}
          {profile.project ? ` in project ${profile.project.name}` : ""}.
        </p>
      </div>
      {profile.mfa && (
        <Alert tone="info">
          Your account requires a passcode. These files use <code>v3multifactor</code> with the password and TOTP
          methods, so the CLI takes a passcode from the same authenticator you use to sign in here. Prefer
          clouds.yaml: some releases of keystoneauth1 (Debian 12&apos;s among them) cannot read the methods from
          the openrc&apos;s environment variable.
        </Alert>
      )}
      <Card
        title="clouds.yaml"
        actions={
          <div className="flex gap-2">
            <a href="/settings/api-access/clouds.yaml" download className={buttonClass("secondary", "py-1.5")}>
              Download clouds.yaml
            </a>
            <a href="/settings/api-access/openrc.sh" download className={buttonClass("secondary", "py-1.5")}>
              Download openrc
            </a>
          </div>
        }
      >
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Save as <code>~/.config/openstack/clouds.yaml</code>, then run{" "}
          <code>openstack --os-cloud {profile.cloudName}{profile.mfa ? " --os-passcode 123456" : ""} project list</code>.
        </p>
        <pre className="relative overflow-x-auto rounded-md bg-zinc-100 p-4 text-xs leading-relaxed dark:bg-zinc-950" tabIndex={0} aria-label="clouds.yaml contents">
          {cloudsYaml(profile)}
        </pre>
      </Card>
    </div>
  );
}
