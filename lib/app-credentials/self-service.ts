import type { SessionUser } from "@/lib/auth/session-user";
import { message, type Message } from "@/lib/i18n/message";
import { applicationCredentialCloudsYaml, applicationCredentialOpenrc, cloudNameFor } from "@/lib/clouds";
import { isKeystoneError, type Keystone } from "@/lib/keystone";
import { applicationCredentialAccess, type ApplicationCredentialAccess } from "@/lib/mfa/application-credentials";
import { addingNeedsPasscode } from "@/lib/mfa/authority";
import type { AuditEvent } from "@/lib/security/audit";
import { parseCreateForm, type CreateForm } from "./form";
import { byName, toView, type ApplicationCredentialView } from "./view";

/** What Settings > API access > Application credentials needs; the real ones are wired in lib/use-cases.ts. */
export interface ApplicationCredentialDeps {
  keystone: Keystone;
  /** Null when the passcode is a right, unused one of the user's (within the wrong-passcode limit), else why not. */
  confirmPasscode(userId: string, passcode: unknown): Promise<Message | null>;
  audit(event: AuditEvent): Promise<void>;
  /** Keystone's public URL, for the downloaded files. */
  authUrl: string;
  /** Enforcing MFA keeps application credentials working (MFA_ALLOW_APPLICATION_CREDENTIALS). */
  allowApplicationCredentials: boolean;
  now(): Date;
}

export type Caller = Pick<SessionUser, "id" | "name" | "keystoneToken" | "project" | "roles">;

export interface Overview {
  credentials: ApplicationCredentialView[];
  /** The user has an authenticator: creating a credential takes a current passcode. */
  passcodeRequired: boolean;
  /** Whether Keystone accepts the user's application credentials under their MFA rules. */
  access: ApplicationCredentialAccess;
}

/** The one answer that ever carries the secret: shown once, with the files that hold it. */
export interface Created {
  id: string;
  name: string;
  secret: string;
  cloudName: string;
  cloudsYaml: string;
  openrc: string;
}

export type CreateResult = { ok: true; created: Created } | { ok: false; error: Message; fieldErrors?: Record<string, Message> };
export type RemoveResult = { ok: true; name: string } | { ok: false; error: Message };

const fail = (error: Message, fieldErrors?: Record<string, Message>) => ({ ok: false as const, error, ...(fieldErrors ? { fieldErrors } : {}) });

/** Keystone's message, first line only: its validation errors go on with the JSON schema. */
const firstLine = (text: string) => text.split("\n")[0];

/**
 * The signed-in user's own application credentials. Everything is done with the user's token, on
 * the user's id and the session's project, never ones taken from a form. A stolen session cannot
 * turn itself into a lasting credential: with an authenticator, creating one takes a current passcode.
 */
export function applicationCredentials(deps: ApplicationCredentialDeps) {
  const { keystone } = deps;
  const api = keystone.applicationCredentials;

  async function record(user: Caller, action: "create" | "delete", outcome: AuditEvent["outcome"], details: Record<string, string | boolean | null>, reason?: string) {
    await deps.audit({ event: "app_credential.change", outcome, userId: user.id, userName: user.name, reason, details: { action, ...details } });
  }

  async function projectNames(user: Caller): Promise<Map<string, string>> {
    const projects = await keystone.auth.projects(user.keystoneToken);
    return new Map(projects.map((p) => [p.id, p.name]));
  }

  const authenticatorCount = async (user: Caller) => (await keystone.credentials.list(user.keystoneToken, user.id, "totp")).length;

  return {
    async overview(user: Caller): Promise<Overview> {
      const [list, names, authenticators, me] = await Promise.all([
        api.list(user.keystoneToken, user.id),
        projectNames(user),
        authenticatorCount(user),
        keystone.users.get(user.keystoneToken, user.id),
      ]);
      return {
        credentials: list.map((c) => toView(c, names, deps.now())).sort(byName),
        passcodeRequired: addingNeedsPasscode(authenticators),
        access: applicationCredentialAccess(me.options, "self", deps.allowApplicationCredentials),
      };
    },

    /**
     * Creates a credential on the session's project: the form checked first, then the name against
     * the user's others, then the passcode, then Keystone. Nothing reaches Keystone as a write
     * unless all of these pass.
     */
    async create(user: Caller, form: CreateForm & { passcode?: string }): Promise<CreateResult> {
      if (!user.project) return fail(message("appCredentials.errors.noProject"));
      const parsed = parseCreateForm(form, { roles: user.roles, now: deps.now() });
      if ("fieldErrors" in parsed) return fail(Object.values(parsed.fieldErrors)[0], parsed.fieldErrors);
      const { credential } = parsed;
      const [existing, authenticators] = await Promise.all([api.list(user.keystoneToken, user.id), authenticatorCount(user)]);
      if (existing.some((c) => c.name === credential.name)) {
        const error = message("appCredentials.errors.nameTaken", { name: credential.name });
        return fail(error, { name: error });
      }
      const about = { credentialName: credential.name, projectId: user.project.id, unrestricted: credential.unrestricted };
      if (addingNeedsPasscode(authenticators)) {
        const refused = await deps.confirmPasscode(user.id, form.passcode);
        if (refused) {
          await record(user, "create", "refused", about, "passcode refused");
          return fail(refused, { passcode: refused });
        }
      }
      let created;
      try {
        created = await api.create(user.keystoneToken, user.id, credential);
      } catch (e) {
        // A race with another create of the same name, or a check here Keystone disagrees with.
        if (isKeystoneError(e, "conflict") || isKeystoneError(e, "validation") || isKeystoneError(e, "not_found")) {
          return fail(message("appCredentials.errors.keystoneRefused", { reason: firstLine(e.message) }));
        }
        throw e;
      }
      await record(user, "create", "success", { ...about, credentialId: created.id });
      const profile = { authUrl: deps.authUrl, name: created.name, id: created.id, secret: created.secret, projectName: user.project.name };
      return {
        ok: true,
        created: {
          id: created.id,
          name: created.name,
          secret: created.secret,
          cloudName: cloudNameFor(created.name),
          cloudsYaml: applicationCredentialCloudsYaml(profile),
          openrc: applicationCredentialOpenrc(profile),
        },
      };
    },

    /** Deletes one of the user's own credentials: one they do not have is never sent to Keystone. */
    async remove(user: Caller, credentialId: string): Promise<RemoveResult> {
      const target = (await api.list(user.keystoneToken, user.id)).find((c) => c.id === credentialId);
      if (!target) return fail(message("appCredentials.errors.gone"));
      try {
        await api.delete(user.keystoneToken, user.id, target.id);
      } catch (e) {
        if (isKeystoneError(e, "not_found")) return fail(message("appCredentials.errors.gone"));
        throw e;
      }
      await record(user, "delete", "success", { credentialId: target.id, credentialName: target.name, projectId: target.project_id });
      return { ok: true, name: target.name };
    },
  };
}

export type ApplicationCredentials = ReturnType<typeof applicationCredentials>;
