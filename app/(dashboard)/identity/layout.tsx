import { Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { serviceAccountHealth, serviceAccountRef } from "@/lib/keystone-service";
import { requireAdmin } from "@/lib/session";

/**
 * The Identity panels: a banner when the service account cannot sign in. Authorisation is each
 * page's own (this layout is not re-rendered on client-side navigation); here it only keeps the
 * banner from anyone but administrators.
 */
export default async function IdentityLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div className="space-y-6">
      {/* Streamed: asking Keystone about the service account must not hold the page back. */}
      <Suspense fallback={null}>
        <ServiceAccountBanner />
      </Suspense>
      {children}
    </div>
  );
}

async function ServiceAccountBanner() {
  const health = await serviceAccountHealth();
  if (health.status !== "broken") return null;
  return (
    <Alert tone="error">
      <strong className="font-semibold">
        The dashboard&apos;s service account ({serviceAccountRef()?.name}) cannot sign in: {health.problem}.
      </strong>{" "}
      Until it can, users cannot set up an authenticator while signing in, MFA policies do not reach members who join later,
      and users cannot turn MFA on themselves. Fix the account in Keystone, or the KEYSTONE_SERVICE_* settings.
    </Alert>
  );
}
