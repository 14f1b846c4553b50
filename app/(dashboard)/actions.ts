"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut, unstable_update } from "@/auth";
import { keystoneId } from "@/lib/keystone/ids";
import { formAction } from "@/lib/server-action";

/**
 * Ends the dashboard session; Auth.js's signOut event revokes the Keystone token and audits
 * (auth.ts). Public: a session Keystone no longer accepts must still be able to sign out. The
 * redirect is ours and relative: Auth.js's would repeat the request's Host header.
 */
export const signOutAction = formAction({ access: "public", input: z.object({}) }, async () => {
  await signOut({ redirect: false });
  redirect("/login?reason=signed-out");
});

/** Rescopes the session to another project; the JWT callback asks Keystone, which decides. */
export const switchProjectAction = formAction({ access: "user", input: z.object({ projectId: keystoneId }) }, async ({ projectId }) => {
  await unstable_update({ switchToProject: projectId } as never);
  redirect("/");
});
