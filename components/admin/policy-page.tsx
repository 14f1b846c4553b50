import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { Coverage, PolicyScope } from "@/lib/admin/policies";
import { CoverageTable } from "./coverage-table";
import { PolicyForm } from "./policy-form";

/** The page of one group or domain: its MFA policy and who is covered. */
export function PolicyPage({ scope, report, backHref, backLabel }: { scope: PolicyScope; report: Coverage; backHref: string; backLabel: string }) {
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <p className="text-sm"><Link href={backHref} className="text-brand-700 hover:underline dark:text-brand-100">{backLabel}</Link></p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{report.name}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {scope.kind === "group" ? "Group" : "Domain"} · MFA {report.required ? "required" : "not required"}
        </p>
      </div>
      <Card title="MFA policy">
        <PolicyForm kind={scope.kind} id={scope.id} required={report.required} nonCompliant={report.nonCompliant.length} />
      </Card>
      <Card title="Coverage">
        <CoverageTable report={report} csvHref={`/identity/coverage/${scope.kind}/${scope.id}`} />
      </Card>
    </div>
  );
}
