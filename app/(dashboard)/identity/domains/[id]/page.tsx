import type { Metadata } from "next";
import { policyRoute } from "@/components/admin/policy-page";

export const metadata: Metadata = { title: "Domain" };

export default function DomainPage({ params }: { params: Promise<{ id: string }> }) {
  return policyRoute("domain", params);
}
