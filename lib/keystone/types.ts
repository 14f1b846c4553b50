export interface NamedRef {
  id: string;
  name: string;
}

export type DomainRef = NamedRef;

export interface TokenInfo {
  methods: string[];
  user: NamedRef & { domain: DomainRef; password_expires_at?: string | null };
  expires_at: string;
  issued_at: string;
  audit_ids: string[];
  project?: NamedRef & { domain: DomainRef };
  domain?: DomainRef;
  system?: Record<string, boolean>;
  roles?: NamedRef[];
}

/** A token as the dashboard keeps it: the secret string and what Keystone said about it. */
export interface IssuedToken {
  token: string;
  info: TokenInfo;
}

export interface Project {
  id: string;
  name: string;
  domain_id: string;
  description?: string;
  enabled: boolean;
  parent_id?: string | null;
  is_domain?: boolean;
}

export interface UserOptions {
  multi_factor_auth_enabled?: boolean;
  multi_factor_auth_rules?: string[][];
  [option: string]: unknown;
}

export interface User {
  id: string;
  name: string;
  domain_id: string;
  enabled: boolean;
  email?: string;
  description?: string;
  default_project_id?: string;
  password_expires_at?: string | null;
  options: UserOptions;
  /** The dashboard's record of who turned MFA on, an extra attribute (read by lib/mfa/authority). */
  mfa_enforced_by?: unknown;
}

export interface RoleAssignment {
  role: NamedRef & { domain?: DomainRef };
  scope: {
    project?: NamedRef & { domain?: DomainRef };
    domain?: DomainRef;
    system?: Record<string, boolean>;
  };
  user?: NamedRef;
  group?: NamedRef;
}

/** Where a token is scoped; the user's default project when absent. */
export type Scope = { project: { id: string } } | { domain: { id: string } } | undefined;
