import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { currentUser } from "@/lib/session";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Sign in" };

// A Map: a request's ?reason= must never reach an object's own properties (constructor, __proto__).
const notices = new Map([
  ["signed-out", "You have signed out."],
  ["expired", "Your session has ended. Please sign in again."],
  ["password-changed", "Your password was changed. Sign in with the new one."],
  ["receipt-expired", "Your sign-in took too long and has expired. Enter your password again."],
]);

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentUser()) redirect(next);
  const reason = typeof params.reason === "string" ? notices.get(params.reason) : undefined;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      <PasswordForm next={next} notice={reason && <Alert tone="info">{reason}</Alert>} />
    </>
  );
}
