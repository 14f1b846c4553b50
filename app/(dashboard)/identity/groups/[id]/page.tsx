import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PolicyPage } from "@/components/admin/policy-page";
import { coverage } from "@/lib/admin/policies";
import { isKeystoneError } from "@/lib/keystone";
import { requireAdmin } from "@/lib/session";

export const metadata: Metadata = { title: "Group" };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const report = await coverage(admin.keystoneToken, { kind: "group", id }).catch((e) => {
    if (isKeystoneError(e, "not_found") || isKeystoneError(e, "validation")) notFound();
    throw e;
  });
  return <PolicyPage scope={{ kind: "group", id }} report={report} backHref="/identity/groups" backLabel="Groups" />;
}
