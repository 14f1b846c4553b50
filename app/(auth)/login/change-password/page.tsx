import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { PasswordChangeForm } from "@/components/password-change-form";
import { Alert } from "@/components/ui/alert";
import { expiredPassword } from "@/lib/auth/password-change";
import { passwordChangeLabels } from "@/lib/i18n/labels";
import { changeExpiredPassword } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("password"))("expiredTitle") };
}

export default async function ExpiredPasswordPage() {
  if (!(await expiredPassword.get())) redirect("/login");
  const t = await getTranslations("password");
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("expiredTitle")}</h1>
      <div className="mb-5">
        <Alert tone="warning">{t("expiredText")}</Alert>
      </div>
      <PasswordChangeForm action={changeExpiredPassword} labels={await passwordChangeLabels()} />
    </>
  );
}
