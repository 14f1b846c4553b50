import { coverage, coverageCsv } from "@/lib/admin/policies";
import { isKeystoneError } from "@/lib/keystone";
import { keystoneId } from "@/lib/keystone/ids";
import { currentUser, isAdmin } from "@/lib/session";

/** The coverage report of a group or domain as CSV, for administrators only. */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  const { kind, id } = await params;
  const user = await currentUser();
  if (!user || !isAdmin(user) || (kind !== "group" && kind !== "domain") || !keystoneId.safeParse(id).success) {
    return new Response("Not found", { status: 404 });
  }
  try {
    const report = await coverage(user.keystoneToken, { kind, id });
    return new Response(coverageCsv(report), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="mfa-coverage-${kind}-${report.name.replace(/[^\w.-]/g, "_")}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isKeystoneError(e, "not_found")) return new Response("Not found", { status: 404 });
    if (isKeystoneError(e)) return new Response("The identity service is unavailable", { status: 503 });
    throw e;
  }
}
