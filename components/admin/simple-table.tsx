import { getTranslations } from "next-intl/server";

/** A Horizon-style read-only table: a header row, then one row per item, the first cell a row header. */
export async function SimpleTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: { key: string; cells: React.ReactNode[] }[] }) {
  const t = await getTranslations("admin");
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>{columns.map((c) => <th key={c} scope="col" className="px-4 py-3 font-semibold">{c}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={r.key}>
              {r.cells.map((cell, i) => (i === 0 ? <th key={i} scope="row" className="px-4 py-2.5 font-medium">{cell}</th> : <td key={i} className="px-4 py-2.5">{cell}</td>))}
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={columns.length} className="px-4 py-6 text-center text-zinc-600 dark:text-zinc-400">{t("empty")}</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
