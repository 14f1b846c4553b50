import { Alert } from "@/components/ui/alert";
import { LoginError, loginMessage } from "@/lib/auth/login-errors";
import { StartOver } from "./start-over-button";

/** The passcode and recovery steps while the user's passcode limit is reached. */
export function SignInPaused({ seconds }: { seconds: number }) {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign-in paused</h1>
      <Alert tone="error">{loginMessage(new LoginError("blocked", seconds))}</Alert>
      <StartOver />
    </>
  );
}
