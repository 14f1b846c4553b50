import type { IssuedToken, Keystone, Scope } from "@/lib/keystone";

/** What the session keeps of a Keystone token. Only `keystoneToken` is secret. */
export interface SessionUser {
  id: string;
  name: string;
  domain: { id: string; name: string };
  project: { id: string; name: string } | null;
  roles: string[];
  methods: string[];
  expiresAt: string;
  keystoneToken: string;
  /** When Keystone issued the token and said what it holds (ms, the dashboard's clock): lets the first page skip asking again. */
  issuedAt?: number;
}

/** The session of a token Keystone has just issued. */
export function toSessionUser({ token, info }: IssuedToken): SessionUser {
  return {
    id: info.user.id,
    name: info.user.name,
    domain: { id: info.user.domain.id, name: info.user.domain.name },
    project: info.project ? { id: info.project.id, name: info.project.name } : null,
    roles: (info.roles ?? []).map((r) => r.name),
    methods: info.methods,
    expiresAt: info.expires_at,
    keystoneToken: token,
    issuedAt: Date.now(),
  };
}

/**
 * Keystone scopes a login to the user's default project when it can; otherwise the token is
 * unscoped and, like Horizon, we scope it to the first project the user may use.
 */
export async function scopeToAProject(keystone: Pick<Keystone, "auth">, issued: IssuedToken): Promise<IssuedToken> {
  if (issued.info.project) return issued;
  const projects = (await keystone.auth.projects(issued.token)).filter((p) => p.enabled);
  if (projects.length === 0) return issued;
  projects.sort((a, b) => a.name.localeCompare(b.name));
  return replaceToken(keystone, issued.token, { project: { id: projects[0].id } });
}

/** Rescopes, then revokes the old token: Keystone revokes tokens one by one, not by chain. */
async function replaceToken(keystone: Pick<Keystone, "auth">, token: string, scope: Scope): Promise<IssuedToken> {
  const next = await keystone.auth.rescope(token, scope);
  await keystone.auth.revoke(token).catch(() => undefined);
  return next;
}

/** The session rescoped to another project, or unchanged when Keystone refuses. */
export async function switchProject(keystone: Keystone, user: SessionUser, projectId: string): Promise<SessionUser> {
  if (user.project?.id === projectId) return user;
  try {
    return toSessionUser(await replaceToken(keystone, user.keystoneToken, { project: { id: projectId } }));
  } catch {
    return user;
  }
}
