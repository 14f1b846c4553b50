import "server-only";
import { z } from "zod";
import { formMessage } from "@/lib/i18n/form-message";
import { sealedCookie } from "./sealed-cookie";

/** A user whose password Keystone says has expired, between the login and the change page. */
export interface ExpiredPassword {
  userId: string;
}

export const expiredPassword = sealedCookie<ExpiredPassword>("password-expired");
export const EXPIRED_PASSWORD_SECONDS = 10 * 60;

export type PasswordField = "current" | "password" | "confirm";

/** The change-password form: the same fields in Settings and for an expired password at login. */
export const passwordChangeForm = z
  .object({
    current: z.string().min(1, formMessage("password.errors.enterCurrent")).max(4096),
    password: z.string().min(1, formMessage("password.errors.enterNew")).max(4096),
    confirm: z.string().max(4096),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: formMessage("password.errors.mismatch") })
  .refine((v) => v.password !== v.current, { path: ["password"], message: formMessage("password.errors.sameAsCurrent") });
