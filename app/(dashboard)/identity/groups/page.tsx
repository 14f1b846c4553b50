import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SimpleTable } from "@/components/admin/simple-table";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tables"))("groups") };
}

export default async function GroupsPage() {
  const admin = await requireAdmin();
  const [groups, domains] = await Promise.all([keystone().identity.groups(admin.keystoneToken), keystone().identity.domains(admin.keystoneToken)]);
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const t = await getTranslations("admin.tables");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("groups")}</h1>
      <SimpleTable
        caption={t("groups")}
        columns={[t("name"), t("domain"), t("description"), t("mfaPolicy")]}
        rows={groups.map((g) => ({
          key: g.id,
          cells: [<Link key="n" href={`/identity/groups/${g.id}`} className="hover:underline">{g.name}</Link>, domainName.get(g.domain_id) ?? g.domain_id, g.description || "—", g.mfa_required ? t("mfaRequired") : "—"],
        }))}
      />
    </div>
  );
}
