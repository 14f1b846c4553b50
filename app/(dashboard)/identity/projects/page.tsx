import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SimpleTable } from "@/components/admin/simple-table";
import { keystone } from "@/lib/keystone-server";
import { requireAdmin } from "@/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tables"))("projects") };
}

export default async function ProjectsPage() {
  const admin = await requireAdmin();
  const token = admin.keystoneToken;
  const [projects, domains, assignments] = await Promise.all([
    keystone().identity.projects(token),
    keystone().identity.domains(token),
    keystone().identity.projectAssignments(token),
  ]);
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const t = await getTranslations("admin.tables");
  const members = new Map<string, Set<string>>();
  for (const a of assignments) {
    const project = a.scope.project?.id;
    const who = a.user?.name ?? (a.group ? t("groupMember", { name: a.group.name }) : undefined);
    if (project && who) members.set(project, (members.get(project) ?? new Set()).add(who));
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("projects")}</h1>
      <SimpleTable
        caption={t("projects")}
        columns={[t("name"), t("domain"), t("enabled"), t("members"), t("description")]}
        rows={projects.filter((p) => !p.is_domain).map((p) => ({
          key: p.id,
          cells: [p.name, domainName.get(p.domain_id) ?? p.domain_id, t(p.enabled ? "yes" : "no"), [...(members.get(p.id) ?? [])].sort().join(", ") || "—", p.description || "—"],
        }))}
      />
    </div>
  );
}
