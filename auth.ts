import NextAuth, { type DefaultSession } from "next-auth";
import { decode, encode, type JWTEncodeParams } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { askProjectsEarly, keystone } from "@/lib/keystone-server";
import { signInSteps } from "@/lib/auth/sign-in-server";
import { LoginError } from "@/lib/auth/login-errors";
import { endKeystoneSession } from "@/lib/auth/sign-out";
import { switchProject, type SessionUser } from "@/lib/auth/session-user";
import { config } from "@/lib/config";
import { audit } from "@/lib/security/audit";
import { clientAddress } from "@/lib/security/client-address";

declare module "next-auth" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augments Auth.js's User
  interface User extends Partial<SessionUser> {}
  interface Session {
    user: Omit<SessionUser, "keystoneToken"> & DefaultSession["user"];
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    user?: SessionUser;
  }
}

/** An upper bound only: each session's JWT and cookie end with its Keystone token (below). */
const SESSION_MAX_SECONDS = 24 * 60 * 60;
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/** Seconds the Keystone token in `token` has left, at most `maxAge`. */
function secondsLeft(token: JWTEncodeParams["token"], maxAge: number): number {
  const expiresAt = Date.parse(token?.user?.expiresAt ?? "");
  if (Number.isNaN(expiresAt)) return maxAge;
  return Math.max(1, Math.min(maxAge, Math.floor((expiresAt - Date.now()) / 1000)));
}

/*
 * Auth.js is used for its encrypted session only. Its HTTP endpoints are not routed (there is no
 * app/api/auth/[...nextauth]: only app/api/auth/session), so the sign-in forms' server actions,
 * which call signIn() in-process, are the one way to start a session.
 * A function, so the environment is read when the server handles a request, not at build time.
 */
const nextAuth = NextAuth(() => ({
  secret: config().AUTH_SECRET,
  // Only as the operator says; redirects of ours are relative, so they never repeat the Host header.
  trustHost: config().AUTH_TRUST_HOST || config().AUTH_URL !== undefined,
  session: { strategy: "jwt", maxAge: SESSION_MAX_SECONDS },
  jwt: { encode: (params) => encode({ ...params, maxAge: secondsLeft(params.token, params.maxAge ?? SESSION_MAX_SECONDS) }) },
  pages: { signIn: "/login", error: "/login" },
  // Auth.js logs every failed sign-in with its stack; failures are ours to report, without secrets.
  logger: {
    error: (error) => {
      if (!(error instanceof LoginError)) console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn: () => {},
    debug: () => {},
  },
  providers: [
    Credentials({
      id: "password",
      credentials: { username: {}, password: {}, domain: {} },
      authorize: (raw, request) => signInSteps().passwordStep(raw, clientAddress(request.headers)),
    }),
    Credentials({
      id: "totp",
      credentials: { passcode: {} },
      authorize: (raw, request) => signInSteps().passcodeStep(raw, clientAddress(request.headers)),
    }),
  ],
  events: {
    // Every sign-out, whoever calls signOut(): the token is revoked and the audit log says so.
    async signOut(message) {
      const user = "token" in message ? message.token?.user : undefined;
      if (user) await endKeystoneSession(user, clientAddress(await headers()), { keystone: keystone(), audit });
    },
  },
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      const before = token.user?.keystoneToken;
      if (user?.keystoneToken) token.user = user as SessionUser;
      // Only a project id is taken from an update, and Keystone decides.
      const projectId = (session as { switchToProject?: unknown } | undefined)?.switchToProject;
      if (trigger === "update" && token.user && typeof projectId === "string") {
        token.user = await switchProject(keystone(), token.user, projectId);
      }
      // A new Keystone token (a sign-in, another project): its first page will list the projects.
      if (token.user && token.user.keystoneToken !== before) askProjectsEarly(token.user.keystoneToken);
      // The session never outlives the Keystone token it carries.
      if (!token.user || Date.parse(token.user.expiresAt) <= Date.now()) return null;
      return token;
    },
    session({ session, token }) {
      if (!token.user) return session;
      const { keystoneToken: _secret, ...visible } = token.user;
      return { ...session, user: { ...session.user, ...visible, email: "" }, expires: visible.expiresAt };
    },
  },
}));

export const { auth, signIn, signOut } = nextAuth;

/**
 * Auth.js gives the session cookie its maximum lifetime; this gives it the lifetime of the JWT
 * inside, which ends with the Keystone token. Called wherever a session cookie is written.
 */
export async function boundSessionCookie(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    // Auth.js splits a large session over name.0, name.1, ...
    const parts = jar
      .getAll()
      .filter((c) => c.name === name || c.name.startsWith(`${name}.`))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
    if (parts.length === 0) continue;
    const jwt = await decode({ token: parts.map((p) => p.value).join(""), secret: config().AUTH_SECRET, salt: name }).catch(() => null);
    if (!jwt?.exp) continue;
    const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: name.startsWith("__Secure-"), expires: new Date(jwt.exp * 1000) };
    for (const part of parts) jar.set(part.name, part.value, options);
  }
}

/** Auth.js's session update (switching project), with the cookie bounded like at sign-in. */
export async function unstable_update(...args: Parameters<typeof nextAuth.unstable_update>) {
  const session = await nextAuth.unstable_update(...args);
  await boundSessionCookie();
  return session;
}
