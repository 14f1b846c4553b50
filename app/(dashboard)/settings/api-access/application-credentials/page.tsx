import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CreateCredentialForm } from "@/components/app-credentials/create-form";
import { CredentialsTable } from "@/components/app-credentials/credentials-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getSay } from "@/lib/i18n/server";
import { withKeystoneSession } from "@/lib/session";
import { applicationCredentialUseCases } from "@/lib/use-cases";
import { createApplicationCredential, deleteApplicationCredential } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("appCredentials.page"))("title") };
}

export default async function ApplicationCredentialsPage() {
  const { user, overview } = await withKeystoneSession(async (user) => ({ user, overview: await applicationCredentialUseCases().overview(user) }));
  const { credentials, access, passcodeRequired } = overview;
  const [t, say] = await Promise.all([getTranslations("appCredentials.page"), getSay()]);
  const words = say(access.words);

  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <p className="text-sm"><Link href="/settings/api-access" className="text-brand-700 hover:underline dark:text-brand-100">{t("apiAccess")}</Link></p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      </div>
      <Alert tone={access.accepted ? "info" : "warning"}>{words}</Alert>

      <Card title={t("yours", { count: credentials.length })}>
        <CredentialsTable caption={t("yoursCaption")} credentials={credentials} deleteAction={deleteApplicationCredential} />
      </Card>

      <Card title={t("create")}>
        {user.project ? (
          <CreateCredentialForm
            action={createApplicationCredential}
            projectName={user.project.name}
            roles={[...user.roles].sort()}
            passcodeRequired={passcodeRequired}
            refusal={access.accepted ? null : words}
            nowUtc={new Date().toISOString().slice(0, 16)}
          />
        ) : (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{t("noProject")}</p>
        )}
      </Card>
    </div>
  );
}
