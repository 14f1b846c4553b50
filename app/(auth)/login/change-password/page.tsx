import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordChangeForm } from "@/components/password-change-form";
import { Alert } from "@/components/ui/alert";
import { expiredPassword } from "@/lib/auth/password-change";
import { changeExpiredPassword } from "./actions";

export const metadata: Metadata = { title: "Change your password" };

export default async function ExpiredPasswordPage() {
  if (!(await expiredPassword.get())) redirect("/login");
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Change your password</h1>
      <div className="mb-5">
        <Alert tone="warning">Your password has expired. Choose a new one, then sign in with it.</Alert>
      </div>
      <PasswordChangeForm action={changeExpiredPassword} />
    </>
  );
}
