import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { isKeystoneError } from "@/lib/keystone";
import { keystone } from "@/lib/keystone-server";
import { LoginError } from "@/lib/auth/login-errors";
import { scopeToAProject, switchProject, toSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { config } from "@/lib/config";

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

const passwordForm = z.object({
  username: z.string().trim().min(1).max(255),
  password: z.string().min(1).max(4096),
  domain: z.string().trim().min(1).max(255).default("Default"),
});

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
      async authorize(raw) {
        const form = passwordForm.safeParse(raw);
        if (!form.success) throw new LoginError("input");
        try {
          const issued = await keystone().auth.password(form.data);
          const scoped = await scopeToAProject(keystone(), issued);
          return toSessionUser(scoped);
        } catch (e) {
          if (isKeystoneError(e, "unavailable")) throw new LoginError("unavailable");
          if (isKeystoneError(e)) throw new LoginError("invalid");
          throw e;
        }
      },
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
