import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { policyRoute } from "@/components/admin/policy-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tables"))("domain") };
}

export default function DomainPage({ params }: { params: Promise<{ id: string }> }) {
  return policyRoute("domain", params);
}
