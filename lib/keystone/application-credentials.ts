import type { Http } from "./http";
import type { NamedRef } from "./types";

/** A limit on the API calls a credential may make (keystonemiddleware enforces it in each service). */
export interface AccessRule {
  service: string;
  method: "POST" | "GET" | "HEAD" | "PATCH" | "PUT" | "DELETE";
  path: string;
}

/** An application credential as Keystone lists it. Keystone keeps only a hash of its secret. */
export interface ApplicationCredential {
  id: string;
  name: string;
  description: string | null;
  user_id: string;
  project_id: string | null;
  /** UTC without a zone ("2030-01-01T00:00:00.000000"), or null for no expiry. */
  expires_at: string | null;
  unrestricted: boolean | null;
  roles: NamedRef[];
  access_rules?: (AccessRule & { id: string })[];
}

export interface NewApplicationCredential {
  name: string;
  description?: string;
  /** UTC, "YYYY-MM-DDTHH:MM:SSZ": Keystone refuses other offsets ("Timestamp not in expected format"). */
  expires_at?: string;
  /** By name; without roles Keystone gives every role the creating token has. */
  roles: { name: string }[];
  unrestricted: boolean;
  access_rules?: AccessRule[];
}

/** The answer to a create: the only time Keystone ever returns the secret. */
export type CreatedApplicationCredential = ApplicationCredential & { secret: string };

const collection = (userId: string) => `/users/${encodeURIComponent(userId)}/application_credentials`;

export function applicationCredentialsApi(http: Http) {
  return {
    /** A user's application credentials, of every project. Their owner or an admin may list them. */
    async list(token: string, userId: string): Promise<ApplicationCredential[]> {
      return (await http<{ application_credentials: ApplicationCredential[] }>(collection(userId), { token })).body.application_credentials;
    },

    /** Only the owner may create one, with a project-scoped token that is not itself delegated. */
    async create(token: string, userId: string, credential: NewApplicationCredential): Promise<CreatedApplicationCredential> {
      const res = await http<{ application_credential: CreatedApplicationCredential }>(collection(userId), {
        method: "POST",
        token,
        body: { application_credential: credential },
      });
      return res.body.application_credential;
    },

    /** Tokens issued through it stop working at once. Its owner or an admin may delete it. */
    async delete(token: string, userId: string, credentialId: string): Promise<void> {
      await http(`${collection(userId)}/${encodeURIComponent(credentialId)}`, { method: "DELETE", token });
    },
  };
}
