import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { keystone } from "@/lib/keystone-server";
import { signInSteps } from "@/lib/auth/sign-in-server";
import { LoginError } from "@/lib/auth/login-errors";
import { switchProject, type SessionUser } from "@/lib/auth/session-user";
import { config } from "@/lib/config";
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

/*
 * Auth.js is used for its encrypted session only. Its HTTP endpoints are not routed (there is no
 * app/api/auth/[...nextauth]: only app/api/auth/session), so the sign-in forms' server actions,
 * which call signIn() in-process, are the one way to start a session.
 * A function, so the environment is read when the server handles a request, not at build time.
 */
const nextAuth = NextAuth(() => ({
  secret: config().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 24 * 60 * 60 },
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
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user?.keystoneToken) token.user = user as SessionUser;
      // Only a project id is taken from an update, and Keystone decides.
      const projectId = (session as { switchToProject?: unknown } | undefined)?.switchToProject;
      if (trigger === "update" && token.user && typeof projectId === "string") {
        token.user = await switchProject(keystone(), token.user, projectId);
      }
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

export const { auth, signIn, signOut, unstable_update } = nextAuth;
