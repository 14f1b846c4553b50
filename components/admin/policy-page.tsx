import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import type { Coverage, PolicyScope } from "@/lib/admin/policies";
import { isKeystoneError } from "@/lib/keystone";
import { requireAdmin } from "@/lib/session";
import { policyUseCases } from "@/lib/use-cases";
import { CoverageTable } from "./coverage-table";
import { PolicyForm } from "./policy-form";

/** The admin page of one group or domain, for its route's `params`. */
export async function policyRoute(kind: PolicyScope["kind"], params: Promise<{ id: string }>) {
  const admin = await requireAdmin();
  const { id } = await params;
  const report = await policyUseCases().coverage(admin.keystoneToken, { kind, id }).catch((e: unknown) => {
    if (isKeystoneError(e, "not_found") || isKeystoneError(e, "validation")) notFound();
    throw e;
  });
  return <PolicyPage scope={{ kind, id }} report={report} backHref={`/identity/${kind}s`} backLabel={(await getTranslations("admin.policy"))(kind === "group" ? "groups" : "domains")} />;
}

/** The page of one group or domain: its MFA policy and who is covered. */
async function PolicyPage({ scope, report, backHref, backLabel }: { scope: PolicyScope; report: Coverage; backHref: string; backLabel: string }) {
  const t = await getTranslations("admin.policy");
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <p className="text-sm"><Link href={backHref} className="text-brand-700 hover:underline dark:text-brand-100">{backLabel}</Link></p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{report.name}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {t(scope.kind === "group" ? "groupRequired" : "domainRequired", { required: String(report.required) })}
        </p>
      </div>
      <Card title={t("title")}>
        <PolicyForm kind={scope.kind} id={scope.id} required={report.required} nonCompliant={report.nonCompliant.length} />
      </Card>
      <Card title={t("coverage")}>
        <CoverageTable report={report} csvHref={`/identity/coverage/${scope.kind}/${scope.id}`} />
      </Card>
    </div>
  );
}
