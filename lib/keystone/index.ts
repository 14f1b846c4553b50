import { applicationCredentialsApi } from "./application-credentials";
import { authApi } from "./auth";
import { credentialsApi } from "./credentials";
import { identityApi } from "./identity";
import { rolesApi } from "./roles";
import { createHttp, type KeystoneOptions } from "./http";
import { usersApi } from "./users";

export * from "./errors";
export type * from "./types";
export type { AccessRule, ApplicationCredential, CreatedApplicationCredential, NewApplicationCredential } from "./application-credentials";
export type { Credential } from "./credentials";
export type { UserChanges } from "./users";
export type { Domain, Group } from "./identity";

/** A typed Keystone v3 client. Every call that needs a token takes it explicitly. */
export function createKeystone(options: KeystoneOptions) {
  const http = createHttp(options);
  return {
    auth: authApi(http),
    users: usersApi(http),
    credentials: credentialsApi(http),
    applicationCredentials: applicationCredentialsApi(http),
    roles: rolesApi(http),
    identity: identityApi(http),
  };
}

export type Keystone = ReturnType<typeof createKeystone>;
