import { getTranslations } from "next-intl/server";

/**
 * What the Users panel shows while Keystone lists every user (seconds with thousands of them): the
 * page's heading and the outline of its table, sent as soon as the session has been checked (the
 * layouts above have asked Keystone), then replaced by the table when it streams in. Only for the
 * list (the route group): a browser without JavaScript never swaps streamed content in, and the
 * user and confirmation pages must work without it, as their forms do.
 */
export default async function LoadingUsers() {
  const t = await getTranslations("admin.users");
  return (
    <div className="space-y-6" aria-busy="true">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p role="status" className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {t("loading")}
        </p>
      </div>
      <div className="h-20 animate-pulse rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex gap-4 border-b border-zinc-200 px-4 py-3 last:border-0 dark:border-zinc-800">
            <div className="h-4 w-1/4 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-4 w-1/6 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-4 w-1/5 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          </div>
        ))}
      </div>
    </div>
  );
}
