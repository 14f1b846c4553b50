"use server";
import { redirect } from "next/navigation";
import { signOut, unstable_update } from "@/auth";
import { keystoneId } from "@/lib/keystone/ids";
import { requireUser } from "@/lib/session";

/**
 * Ends the dashboard session; Auth.js's signOut event revokes the Keystone token and audits
 * (auth.ts). The redirect is ours and relative: Auth.js's would repeat the request's Host header.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirect: false });
  redirect("/login?reason=signed-out");
}

/** Rescopes the session to another project; the JWT callback asks Keystone, which decides. */
export async function switchProjectAction(form: FormData): Promise<void> {
  await requireUser();
  const id = keystoneId.safeParse(form.get("projectId"));
  if (id.success) await unstable_update({ switchToProject: id.data } as never);
  redirect("/");
}
