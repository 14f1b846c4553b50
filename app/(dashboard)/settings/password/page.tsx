import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PasswordChangeForm } from "@/components/password-change-form";
import { requireUser } from "@/lib/session";
import { changePassword } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  await requireUser(); // every page checks its own session: layouts are not re-rendered on client navigation
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Change password</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Keystone ends all your sessions when your password changes, so you will sign in again afterwards.
        </p>
      </div>
      <Card>
        <PasswordChangeForm action={changePassword} className="max-w-md" />
      </Card>
    </div>
  );
}
