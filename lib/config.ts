import { z } from "zod";
import { parseTrustedProxies } from "./security/client-address";

// The one place that reads the environment. Everything else imports `config`.
const optional = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const schema = z
  .object({
    KEYSTONE_URL: z
      .url({ message: "must be the Keystone v3 URL, e.g. http://127.0.0.1:5000/v3" })
      .transform((u) => u.replace(/\/+$/, "")),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)"),
    KEYSTONE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    KEYSTONE_SERVICE_USER: optional(z.string()),
    KEYSTONE_SERVICE_PASSWORD: optional(z.string()),
    KEYSTONE_SERVICE_DOMAIN: optional(z.string()).transform((d) => d ?? "Default"),
    REDIS_URL: optional(z.url({ message: "must be a redis:// URL" })),
    MFA_ISSUER: z.string().min(1).max(64).default("OpenStack"),
    DASHBOARD_TITLE: z.string().min(1).max(64).default("OpenStack Dashboard"),
    // Reverse proxies whose X-Forwarded-For is believed (lib/security/client-address.ts); none by default.
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((text, ctx) => {
        try {
          return parseTrustedProxies(text);
        } catch (e) {
          ctx.addIssue({ code: "custom", message: (e as Error).message });
          return z.NEVER;
        }
      }),
    // Auth.js builds its URLs from the Host header only when told to trust it, or from AUTH_URL.
    AUTH_TRUST_HOST: optional(z.enum(["true", "false", "1", "0"], { message: "must be true or false" })).transform(
      (v) => v === "true" || v === "1",
    ),
    AUTH_URL: optional(z.url({ message: "must be the dashboard's public URL, e.g. https://dashboard.example.org" })),
    // Every refused password sign-in answers after at least this long, so that an existing user
    // (Keystone hashes the password) and an unknown one (it does not) take the same time.
    SIGN_IN_FLOOR_MS: z.coerce.number().int().min(0).max(10_000).default(1_000),
    // Enforcing MFA also writes the rule ["application_credential"], so that scripts and CI jobs
    // keep signing in with application credentials; "false" leaves them refused under MFA.
    MFA_ALLOW_APPLICATION_CREDENTIALS: optional(z.enum(["true", "false", "1", "0"], { message: "must be true or false" })).transform(
      (v) => v === undefined || v === "true" || v === "1",
    ),
  })
  .refine((c) => !c.KEYSTONE_SERVICE_USER === !c.KEYSTONE_SERVICE_PASSWORD, {
    message: "KEYSTONE_SERVICE_USER and KEYSTONE_SERVICE_PASSWORD must be set together",
    path: ["KEYSTONE_SERVICE_PASSWORD"],
  })
  .refine((c) => c.AUTH_TRUST_HOST || c.AUTH_URL, {
    message: "set AUTH_URL to the dashboard's public URL, or AUTH_TRUST_HOST=true behind a proxy that sets the Host header",
    path: ["AUTH_URL"],
  });

export type Config = z.infer<typeof schema>;

/** The names of every variable the configuration reads. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

/** Parses an environment; throws one Error naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const name = i.path.join(".") || "(env)";
    return `  ${name}: ${env[name] === undefined && i.code === "invalid_type" ? "is required" : i.message}`;
  });
  throw new Error(`Invalid dashboard configuration:\n${lines.join("\n")}`);
}

let cached: Config | undefined;

/** The configuration of this process, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
