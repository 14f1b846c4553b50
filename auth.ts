import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { keystone } from "@/lib/keystone-server";
import { passcodeStep, passwordStep } from "@/lib/auth/login";
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

// A function, so the environment is read when the server handles a request, not at build time.
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
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
      authorize: (raw, request) => passwordStep(raw, clientAddress(request.headers)),
    }),
    Credentials({
      id: "totp",
      credentials: { passcode: {} },
      authorize: (raw, request) => passcodeStep(raw, clientAddress(request.headers)),
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user?.keystoneToken) token.user = user as SessionUser;
      // The update endpoint is public: only a project id is taken from it, and Keystone decides.
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
