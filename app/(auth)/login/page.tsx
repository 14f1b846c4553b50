import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { currentUser } from "@/lib/session";
import { PasswordForm } from "./password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

// A Map: a request's ?reason= must never reach an object's own properties (constructor, __proto__).
const notices = new Map<string, "signedOut" | "expired" | "passwordChanged" | "receiptExpired">([
  ["signed-out", "signedOut"],
  ["expired", "expired"],
  ["password-changed", "passwordChanged"],
  ["receipt-expired", "receiptExpired"],
]);

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentUser()) redirect(next);
  const t = await getTranslations("login");
  const reason = typeof params.reason === "string" ? notices.get(params.reason) : undefined;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">{t("title")}</h1>
      <PasswordForm
        next={next}
        notice={reason && <Alert tone="info">{t(`notices.${reason}`)}</Alert>}
        labels={{
          username: t("username"),
          password: t("password"),
          domain: t("domain"),
          domainSummary: t.raw("domainSummary") as string,
          domainHint: t("domainHint"),
          submit: t("submit"),
          pending: t("pending"),
        }}
      />
    </>
  );
}
