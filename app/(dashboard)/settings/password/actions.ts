"use server";
import { z } from "zod";
import { signOut } from "@/auth";
import { isKeystoneError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import { requireUser } from "@/lib/session";

export interface PasswordState {
  error?: string;
  fieldErrors?: Partial<Record<"current" | "password" | "confirm", string>>;
}

const schema = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(4096),
    password: z.string().min(1, "Enter a new password.").max(4096),
    confirm: z.string().max(4096),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two new passwords do not match." })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "The new password must differ from the current one." });

export async function changePassword(_prev: PasswordState, form: FormData): Promise<PasswordState> {
  const user = await requireUser();
  const input = schema.safeParse(Object.fromEntries(["current", "password", "confirm"].map((k) => [k, form.get(k) ?? ""])));
  if (!input.success) {
    const fieldErrors: PasswordState["fieldErrors"] = {};
    for (const issue of input.error.issues) fieldErrors[issue.path[0] as "current"] ??= issue.message;
    return { fieldErrors };
  }
  try {
    await keystone().users.changePassword(user.id, input.data.current, input.data.password);
  } catch (e) {
    if (isKeystoneError(e, "bad_credentials")) return { fieldErrors: { current: "The current password is not correct." } };
    // Keystone's password policy speaks for itself ("Password should match ...", minimum age, history).
    if (isKeystoneError(e, "validation")) return { error: e.message };
    if (isKeystoneError(e, "unavailable")) return { error: "The identity service is unavailable. Nothing was changed." };
    throw e;
  }
  // Keystone revoked every token of the user, this session's included.
  await signOut({ redirectTo: "/login?reason=password-changed" });
  return {};
}
