import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { policyRoute } from "@/components/admin/policy-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tables"))("group") };
}

export default function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  return policyRoute("group", params);
}
