import type { Metadata } from "next";
import Link from "next/link";
import { SimpleTable } from "@/components/admin/simple-table";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";

export const metadata: Metadata = { title: "Domains" };

export default async function DomainsPage() {
  const admin = await requireAdmin();
  const domains = await keystone().identity.domains(admin.keystoneToken);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Domains</h1>
      <SimpleTable
        caption="Domains"
        columns={["Name", "Description", "Enabled", "MFA policy"]}
        rows={domains.map((d) => ({
          key: d.id,
          cells: [<Link key="n" href={`/identity/domains/${d.id}`} className="hover:underline">{d.name}</Link>, d.description || "—", d.enabled ? "Yes" : "No", d.mfa_required ? "MFA required" : "—"],
        }))}
      />
    </div>
  );
}
