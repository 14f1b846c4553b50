"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CreateState } from "@/app/(dashboard)/settings/api-access/application-credentials/actions";
import { SecretPanel } from "./secret-panel";

type Action = (previous: CreateState, form: FormData) => Promise<CreateState>;

const textArea =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm text-zinc-900 shadow-sm aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
const hint = "mt-1 text-xs text-zinc-600 dark:text-zinc-400";
const fieldError = "mt-1 text-sm text-red-700 dark:text-red-400";

/**
 * The create form and, once Keystone made the credential, its secret: the form's fields come back
 * as they were typed after a refusal, and the secret lives only in this component's state.
 */
export function CreateCredentialForm({
  action,
  projectName,
  roles,
  passcodeRequired,
  refusal,
  nowUtc,
}: {
  action: Action;
  projectName: string;
  roles: string[];
  passcodeRequired: boolean;
  /** Why Keystone will refuse the credential under the user's MFA rules, or null when it accepts it. */
  refusal: string | null;
  /** "2026-05-01T12:00", for the expiry field's minimum and hint. */
  nowUtc: string;
}) {
  const t = useTranslations("appCredentials.create");
  const [state, formAction] = useActionState(action, {});
  const [dismissed, setDismissed] = useState<string | null>(null);
  const values = state.values;
  const errors = state.fieldErrors ?? {};
  const created = state.created && state.created.id !== dismissed ? state.created : null;
  // The least a script needs is rarely admin: it is offered, not ticked, unless it is the only role.
  const ticked = (role: string) => (values ? values.roles.includes(role) : role !== "admin" || roles.length === 1);

  return (
    <div className="space-y-6">
      {created && <SecretPanel created={created} refusal={refusal} onDone={() => setDismissed(created.id)} />}
      <form action={formAction} className="max-w-2xl space-y-5" noValidate>
        {state.error && !state.fieldErrors && <Alert tone="error">{state.error}</Alert>}
        {state.fieldErrors && <Alert tone="error">{t("nothingCreated", { error: state.error ?? "" })}</Alert>}
        <Field label={t("name")} name="name" required maxLength={255} autoComplete="off" defaultValue={values?.name} error={errors.name} hint={t("nameHint")} />
        <Field label={t("description")} name="description" maxLength={255} autoComplete="off" defaultValue={values?.description} error={errors.description} />
        <Field
          label={t("expires")}
          name="expires"
          type="datetime-local"
          min={nowUtc}
          defaultValue={values?.expires}
          error={errors.expires}
          hint={t("expiresHint", { now: nowUtc.replace("T", " ") })}
          className="max-w-xs"
        />
        <fieldset aria-describedby={errors.roles ? "roles-error" : "roles-hint"}>
          <legend className="text-sm font-medium">{t("roles", { project: projectName })}</legend>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            {roles.map((role) => (
              <label key={role} className="flex items-center gap-2">
                <input type="checkbox" name="role" value={role} defaultChecked={ticked(role)} className="h-4 w-4" />
                {role}
              </label>
            ))}
          </div>
          {errors.roles ? <p id="roles-error" className={fieldError}>{errors.roles}</p> : <p id="roles-hint" className={hint}>{t("rolesHint")}</p>}
        </fieldset>
        <div>
          <div className="flex items-start gap-2 text-sm">
            <input id="unrestricted" name="unrestricted" type="checkbox" defaultChecked={values?.unrestricted} aria-describedby="unrestricted-warning" className="mt-0.5 h-4 w-4" />
            <label htmlFor="unrestricted" className="font-medium">{t("unrestricted")}</label>
          </div>
          <p id="unrestricted-warning" className="mt-1 text-sm text-amber-900 dark:text-amber-200">
            {t("unrestrictedWarning")}
          </p>
        </div>
        <div>
          <label htmlFor="accessRules" className="block text-sm font-medium">{t("accessRules")}</label>
          <textarea
            id="accessRules"
            name="accessRules"
            rows={3}
            defaultValue={values?.accessRules}
            spellCheck={false}
            aria-invalid={errors.accessRules ? true : undefined}
            aria-describedby={errors.accessRules ? "accessRules-error" : "accessRules-hint"}
            placeholder="GET compute /v2.1/servers/**"
            className={textArea}
          />
          {errors.accessRules ? (
            <p id="accessRules-error" className={fieldError}>{errors.accessRules}</p>
          ) : (
            <p id="accessRules-hint" className={hint}>
              {t("accessRulesHint")}
            </p>
          )}
        </div>
        {passcodeRequired && (
          <Field
            label={t("passcode")}
            name="passcode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={16}
            error={errors.passcode}
            hint={t("passcodeHint")}
            className="max-w-xs [&_input]:font-mono [&_input]:tracking-widest"
          />
        )}
        <SubmitButton pendingText={t("pending")}>{t("submit")}</SubmitButton>
      </form>
    </div>
  );
}
