"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOut, unstable_update } from "@/auth";
import { keystone } from "@/lib/keystone-server";
import { keystoneId } from "@/lib/keystone/ids";
import { audit } from "@/lib/security/audit";
import { clientAddress } from "@/lib/security/client-address";
import { currentUser, requireUser } from "@/lib/session";

/** Revokes the Keystone token, then ends the dashboard session. */
export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) {
    // A token Keystone already rejects, or a Keystone that is down, must not keep the user signed in.
    const revoked = await keystone().auth.revoke(user.keystoneToken).then(() => true, () => false);
    await audit({
      event: "logout",
      userId: user.id,
      userName: user.name,
      clientAddress: clientAddress(await headers()),
      outcome: "success",
      reason: revoked ? "token revoked" : "token could not be revoked",
    });
  }
  await signOut({ redirectTo: "/login?reason=signed-out" });
}

/** Rescopes the session to another project; the JWT callback asks Keystone, which decides. */
export async function switchProjectAction(form: FormData): Promise<void> {
  await requireUser();
  const id = keystoneId.safeParse(form.get("projectId"));
  if (id.success) await unstable_update({ switchToProject: id.data } as never);
  redirect("/");
}
