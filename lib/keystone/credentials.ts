import type { Http } from "./http";

export interface Credential {
  id: string;
  type: string;
  user_id: string;
  project_id?: string | null;
  /** For totp credentials this is the secret itself: never send it to a browser. */
  blob: string;
}

const credentialPath = (id: string) => `/credentials/${encodeURIComponent(id)}`;

export function credentialsApi(http: Http) {
  return {
    /** A user's credentials of one type. Always filtered by user: an admin would see everybody's. */
    async list(token: string, userId: string, type = "totp"): Promise<Credential[]> {
      const query = new URLSearchParams({ user_id: userId, type });
      const res = await http<{ credentials: Credential[] }>(`/credentials?${query}`, { token });
      return res.body.credentials;
    },

    /** Every credential of one type in one call, for admin views that group them by user. */
    async listAll(token: string, type = "totp"): Promise<Credential[]> {
      const res = await http<{ credentials: Credential[] }>(`/credentials?${new URLSearchParams({ type })}`, { token });
      return res.body.credentials;
    },

    async create(token: string, userId: string, type: string, blob: string): Promise<Credential> {
      const res = await http<{ credential: Credential }>("/credentials", {
        method: "POST",
        token,
        body: { credential: { type, user_id: userId, blob } },
      });
      return res.body.credential;
    },

    /** Replaces the blob (Keystone accepts nothing else in a PATCH: type, owner and project stay). */
    async update(token: string, credentialId: string, blob: string): Promise<Credential> {
      const res = await http<{ credential: Credential }>(credentialPath(credentialId), { method: "PATCH", token, body: { credential: { blob } } });
      return res.body.credential;
    },

    async delete(token: string, credentialId: string): Promise<void> {
      await http(credentialPath(credentialId), { method: "DELETE", token });
    },
  };
}
