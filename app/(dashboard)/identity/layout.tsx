import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { getSay } from "@/lib/i18n/server";
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
  const [t, say] = await Promise.all([getTranslations("admin.serviceAccount"), getSay()]);
  return (
    <Alert tone="error">
      {t.rich("broken", {
        name: serviceAccountRef()?.name ?? "",
        problem: say(health.problem),
        strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
      })}
    </Alert>
  );
}
