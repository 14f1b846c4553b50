import type { Http } from "./http";
import type { IssuedToken, Project, Scope, TokenInfo } from "./types";

export interface PasswordLogin {
  username: string;
  password: string;
  domain: string;
}

const TOKENS = "/auth/tokens?nocatalog";

export function authApi(http: Http) {
  async function issue(body: unknown, headers?: Record<string, string>): Promise<IssuedToken> {
    const res = await http<{ token: TokenInfo }>(TOKENS, {
      method: "POST",
      body,
      headers,
      authenticating: true,
    });
    const token = res.headers.get("x-subject-token");
    if (!token) throw new Error("Keystone issued a token without X-Subject-Token");
    return { token, info: res.body.token };
  }

  const withScope = (identity: unknown, scope: Scope) => ({ auth: { identity, ...(scope ? { scope } : {}) } });

  return {
    /** Password step. Throws MfaRequiredError (with the receipt) when the user's rules need more. */
    password({ username, password, domain }: PasswordLogin, scope?: Scope) {
      const user = { name: username, password, domain: { name: domain } };
      return issue(withScope({ methods: ["password"], password: { user } }, scope));
    },

    /**
     * A TOTP passcode, continuing an auth receipt when given one (the receipt keeps no scope, so
     * it is sent again). Without a receipt, a user with MFA rules gets MfaRequiredError.
     */
    totp({ userId, passcode, receipt, scope }: { userId: string; passcode: string; receipt?: string; scope?: Scope }) {
      const identity = { methods: ["totp"], totp: { user: { id: userId, passcode } } };
      return issue(withScope(identity, scope), receipt ? { "Openstack-Auth-Receipt": receipt } : undefined);
    },

    /** A token for another scope from an existing one; Keystone keeps the original methods. */
    rescope(token: string, scope: Scope) {
      return issue(withScope({ methods: ["token"], token: { id: token } }, scope));
    },

    /** What Keystone says about a token; throws "unauthorized" when it is expired or revoked. */
    async validate(token: string): Promise<TokenInfo> {
      const res = await http<{ token: TokenInfo }>(TOKENS, {
        token,
        headers: { "X-Subject-Token": token },
      });
      return res.body.token;
    },

    async revoke(token: string): Promise<void> {
      await http("/auth/tokens", { method: "DELETE", token, headers: { "X-Subject-Token": token } });
    },

    /** Projects the token's user can scope to. */
    async projects(token: string): Promise<Project[]> {
      const res = await http<{ projects: Project[] }>("/auth/projects", { token });
      return res.body.projects;
    },
  };
}
