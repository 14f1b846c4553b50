import type { Metadata } from "next";
import Link from "next/link";
import { SimpleTable } from "@/components/admin/simple-table";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  const admin = await requireAdmin();
  const [groups, domains] = await Promise.all([keystone().identity.groups(admin.keystoneToken), keystone().identity.domains(admin.keystoneToken)]);
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Groups</h1>
      <SimpleTable
        caption="Groups"
        columns={["Name", "Domain", "Description", "MFA policy"]}
        rows={groups.map((g) => ({
          key: g.id,
          cells: [<Link key="n" href={`/identity/groups/${g.id}`} className="hover:underline">{g.name}</Link>, domainName.get(g.domain_id) ?? g.domain_id, g.description || "—", g.mfa_required ? "MFA required" : "—"],
        }))}
      />
    </div>
  );
}
