import { CredentialsSignin } from "next-auth";

/** Why a sign-in did not produce a session. Codes travel to the login page; none reveals a secret. */
export type LoginFailure = "invalid" | "unavailable" | "input";

export class LoginError extends CredentialsSignin {
  constructor(readonly code: LoginFailure) {
    super(code);
  }
}

export const loginMessages: Record<LoginFailure, string> = {
  invalid: "The username, password or domain is not correct.",
  unavailable: "The identity service is unavailable. Please try again in a moment.",
  input: "Enter your username and password.",
};
