import "server-only";
import { decode, encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { config } from "@/lib/config";

/**
 * A small server-side secret kept in the browser: encrypted with AUTH_SECRET (JWE, as the session),
 * httpOnly so no script reads it, SameSite=Lax, Secure over https, and gone after `maxAgeSeconds`.
 */
export function sealedCookie<T extends object>(name: string) {
  const cookieName = async () => ((await isHttps()) ? `__Host-${name}` : name);

  return {
    async set(value: T, maxAgeSeconds: number) {
      const maxAge = Math.max(1, Math.floor(maxAgeSeconds));
      const token = await encode({ token: { value } as never, secret: config().AUTH_SECRET, salt: name, maxAge });
      (await cookies()).set(await cookieName(), token, {
        httpOnly: true,
        sameSite: "lax",
        secure: await isHttps(),
        path: "/",
        maxAge,
      });
    },

    /** The value, or null when absent, expired or tampered with. */
    async get(): Promise<T | null> {
      const raw = (await cookies()).get(await cookieName())?.value;
      if (!raw) return null;
      try {
        const payload = await decode({ token: raw, secret: config().AUTH_SECRET, salt: name });
        return ((payload as { value?: T } | null)?.value ?? null) as T | null;
      } catch {
        return null;
      }
    },

    async clear() {
      (await cookies()).delete(await cookieName());
    },
  };
}

async function isHttps() {
  return ((await headers()).get("x-forwarded-proto") ?? "").split(",")[0].trim() === "https";
}
