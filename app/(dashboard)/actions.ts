"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut, unstable_update } from "@/auth";
import { keystone } from "@/lib/keystone-server";
import { keystoneId } from "@/lib/keystone/ids";
import { audit } from "@/lib/security/audit";
import { clientAddress } from "@/lib/security/client-address";
import { formAction } from "@/lib/server-action";
import { currentUser } from "@/lib/session";

/**
 * Revokes the Keystone token, then ends the dashboard session. Public: a session Keystone no longer
 * accepts must still be able to sign out, so the cookie is read without asking Keystone.
 */
export const signOutAction = formAction({ access: "public", input: z.object({}) }, async () => {
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
});

/** Rescopes the session to another project; the JWT callback asks Keystone, which decides. */
export const switchProjectAction = formAction({ access: "user", input: z.object({ projectId: keystoneId }) }, async ({ projectId }) => {
  await unstable_update({ switchToProject: projectId } as never);
  redirect("/");
});
