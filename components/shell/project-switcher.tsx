"use client";
import { useTranslations } from "next-intl";
import { useRef } from "react";

interface Props {
  projects: { id: string; name: string }[];
  currentId: string | null;
  action: (form: FormData) => Promise<void>;
}

/** Changes the session's project: submits on change, or with its button when script is off. */
export function ProjectSwitcher({ projects, currentId, action }: Props) {
  const t = useTranslations("shell");
  const form = useRef<HTMLFormElement>(null);
  if (projects.length === 0) return <span className="text-sm text-zinc-600 dark:text-zinc-400">{t("noProject")}</span>;
  return (
    <form ref={form} action={action} className="flex items-center gap-2">
      <label htmlFor="project-switcher" className="text-sm text-zinc-600 dark:text-zinc-400">
        {t("project")}
      </label>
      <select
        id="project-switcher"
        name="projectId"
        defaultValue={currentId ?? ""}
        onChange={() => form.current?.requestSubmit()}
        className="max-w-[12rem] rounded-md border border-zinc-300 bg-white py-1.5 pl-2 pr-8 text-sm font-medium dark:border-zinc-700 dark:bg-zinc-900"
      >
        {currentId === null && <option value="">{t("chooseProject")}</option>}
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700">
          {t("switch")}
        </button>
      </noscript>
    </form>
  );
}
