import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SimpleTable } from "@/components/admin/simple-table";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tables"))("domains") };
}

export default async function DomainsPage() {
  const admin = await requireAdmin();
  const domains = await keystone().identity.domains(admin.keystoneToken);
  const t = await getTranslations("admin.tables");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("domains")}</h1>
      <SimpleTable
        caption={t("domains")}
        columns={[t("name"), t("description"), t("enabled"), t("mfaPolicy")]}
        rows={domains.map((d) => ({
          key: d.id,
          cells: [<Link key="n" href={`/identity/domains/${d.id}`} className="hover:underline">{d.name}</Link>, d.description || "—", t(d.enabled ? "yes" : "no"), d.mfa_required ? t("mfaRequired") : "—"],
        }))}
      />
    </div>
  );
}
