import type { Metadata } from "next";
import { policyRoute } from "@/components/admin/policy-page";

export const metadata: Metadata = { title: "Group" };

export default function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  return policyRoute("group", params);
}
