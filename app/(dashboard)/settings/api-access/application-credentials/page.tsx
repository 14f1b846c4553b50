import type { Metadata } from "next";
import Link from "next/link";
import { CreateCredentialForm } from "@/components/app-credentials/create-form";
import { CredentialsTable } from "@/components/app-credentials/credentials-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { withKeystoneSession } from "@/lib/session";
import { applicationCredentialUseCases } from "@/lib/use-cases";
import { createApplicationCredential, deleteApplicationCredential } from "./actions";

export const metadata: Metadata = { title: "Application credentials" };

export default async function ApplicationCredentialsPage() {
  const { user, overview } = await withKeystoneSession(async (user) => ({ user, overview: await applicationCredentialUseCases().overview(user) }));
  const { credentials, access, passcodeRequired } = overview;

  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <p className="text-sm"><Link href="/settings/api-access" className="text-brand-700 hover:underline dark:text-brand-100">API access</Link></p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Application credentials</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          For scripts and CI jobs: an ID and a secret that sign in as you on one project, with the roles you choose, without
          your password or a passcode.
        </p>
      </div>
      <Alert tone={access.accepted ? "info" : "warning"}>{access.words}</Alert>

      <Card title={`Your application credentials (${credentials.length})`}>
        <CredentialsTable caption="Your application credentials" credentials={credentials} deleteAction={deleteApplicationCredential} />
      </Card>

      <Card title="Create an application credential">
        {user.project ? (
          <CreateCredentialForm
            action={createApplicationCredential}
            projectName={user.project.name}
            roles={[...user.roles].sort()}
            passcodeRequired={passcodeRequired}
            refusal={access.accepted ? null : access.words}
            nowUtc={new Date().toISOString().slice(0, 16)}
          />
        ) : (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            An application credential belongs to one project, and your session has none: choose a project in the switcher at the top first.
          </p>
        )}
      </Card>
    </div>
  );
}
