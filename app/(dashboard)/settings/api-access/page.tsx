import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cloudsYaml } from "@/lib/clouds";
import { withKeystoneSession } from "@/lib/session";
import { cliProfile } from "./profile";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiAccess"))("title") };
}

const code = (chunks: React.ReactNode) => <code>{chunks}</code>;

export default async function ApiAccessPage() {
  const profile = await withKeystoneSession(cliProfile);
  const t = await getTranslations("apiAccess");
  const command = `openstack --os-cloud ${profile.cloudName}${profile.mfa ? " --os-passcode 123456" : ""} project list`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {profile.project
            ? t.rich("introProject", { user: profile.username, project: profile.project.name, code })
            : t.rich("intro", { user: profile.username, code })}
        </p>
      </div>
      {profile.mfa && <Alert tone="info">{t.rich("mfa", { code })}</Alert>}
      <Card title={t("appCredentialsTitle")}>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {t(profile.mfa ? "appCredentialsTextMfa" : "appCredentialsText")}{" "}
          <Link href="/settings/api-access/application-credentials" className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            {t("manage")}
          </Link>
        </p>
      </Card>
      <Card
        title="clouds.yaml"
        actions={
          <div className="flex gap-2">
            <a href="/settings/api-access/clouds.yaml" download className={buttonClass("secondary", "py-1.5")}>
              {t("downloadClouds")}
            </a>
            <a href="/settings/api-access/openrc.sh" download className={buttonClass("secondary", "py-1.5")}>
              {t("downloadOpenrc")}
            </a>
          </div>
        }
      >
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">{t.rich("save", { path: "~/.config/openstack/clouds.yaml", command, code })}</p>
        <pre className="relative overflow-x-auto rounded-md bg-zinc-100 p-4 text-xs leading-relaxed dark:bg-zinc-950" tabIndex={0} aria-label={t("contents")}>
          {cloudsYaml(profile)}
        </pre>
      </Card>
    </div>
  );
}
