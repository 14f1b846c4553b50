import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PasswordChangeForm } from "@/components/password-change-form";
import { passwordChangeLabels } from "@/lib/i18n/labels";
import { requireUser } from "@/lib/session";
import { changePassword } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("password"))("title") };
}

export default async function PasswordPage() {
  await requireUser(); // every page checks its own session: layouts are not re-rendered on client navigation
  const t = await getTranslations("password");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      </div>
      <Card>
        <PasswordChangeForm action={changePassword} labels={await passwordChangeLabels()} className="max-w-md" />
      </Card>
    </div>
  );
}
