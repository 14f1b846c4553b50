import type { Metadata } from "next";
import Link from "next/link";
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
          Your account requires a passcode. The clouds.yaml uses <code>v3multifactor</code>: the client reads your
          password only from clouds.yaml or a <code>secure.yaml</code> next to it (not from <code>--os-password</code>,
          <code>OS_PASSWORD</code> or a prompt), and a fresh passcode from <code>--os-passcode</code>. The openrc asks
          for both, signs in itself and gives the client only a token.
        </Alert>
      )}
      <Card title="Application credentials">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Scripts and CI jobs should not use your password{profile.mfa ? " or need a passcode" : ""}: give each its own
          application credential, limited to the roles it needs.{" "}
          <Link href="/settings/api-access/application-credentials" className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            Manage application credentials
          </Link>
        </p>
      </Card>
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
