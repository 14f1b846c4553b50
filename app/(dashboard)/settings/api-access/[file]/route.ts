import { getTranslations } from "next-intl/server";
import { cloudsYaml, openrc } from "@/lib/clouds";
import { isKeystoneError } from "@/lib/keystone";
import { signedInUser } from "@/lib/session";
import { cliProfile } from "../profile";

// A Map: `/settings/api-access/constructor` must find nothing, not Object's own.
const files = new Map([
  ["clouds.yaml", { render: cloudsYaml, type: "application/yaml" }],
  ["openrc.sh", { render: openrc, type: "text/x-shellscript" }],
]);

/** Downloads of clouds.yaml and openrc.sh for the session's user and project. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const spec = files.get(file);
  const t = await getTranslations("http");
  if (!spec) return new Response(t("notFound"), { status: 404 });
  try {
    const user = await signedInUser();
    if (!user) return new Response(t("signIn"), { status: 401 });
    const body = spec.render(await cliProfile(user));
    return new Response(body, {
      headers: {
        "Content-Type": `${spec.type}; charset=utf-8`,
        "Content-Disposition": `attachment; filename="${file}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isKeystoneError(e, "unauthorized")) return new Response(t("sessionEnded"), { status: 401 });
    if (isKeystoneError(e)) return new Response(t("unavailable"), { status: 503 });
    throw e;
  }
}
