import "server-only";

/** The policy check the password step of the sign-in runs, wired to the real Keystone (see ./policy-check). */
export { enforcePolicyAtLogin } from "@/lib/use-cases";
