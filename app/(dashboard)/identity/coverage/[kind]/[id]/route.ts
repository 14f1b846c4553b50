import { getTranslations } from "next-intl/server";
import { coverageCsv } from "@/lib/admin/policies";
import { isKeystoneError } from "@/lib/keystone";
import { keystoneId } from "@/lib/keystone/ids";
import { isAdmin, signedInUser } from "@/lib/session";
import { policyUseCases } from "@/lib/use-cases";

const notFound = async () => new Response((await getTranslations("http"))("notFound"), { status: 404 });

/** The coverage report of a group or domain as CSV, for administrators only (checked with Keystone). */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  const { kind, id } = await params;
  if ((kind !== "group" && kind !== "domain") || !keystoneId.safeParse(id).success) return notFound();
  try {
    const user = await signedInUser();
    if (!user || !isAdmin(user)) return notFound();
    const report = await policyUseCases().coverage(user.keystoneToken, { kind, id });
    return new Response(coverageCsv(report), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="mfa-coverage-${kind}-${report.name.replace(/[^\w.-]/g, "_")}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isKeystoneError(e, "not_found")) return notFound();
    if (isKeystoneError(e)) return new Response((await getTranslations("http"))("unavailable"), { status: 503 });
    throw e;
  }
}
