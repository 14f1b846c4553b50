import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { NavLinks } from "@/components/shell/nav-links";
import { sectionsFor } from "@/components/shell/navigation";
import { ProjectSwitcher } from "@/components/shell/project-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { config } from "@/lib/config";
import { CLIENT_MESSAGES, pickMessages, type Messages } from "@/lib/i18n/client-messages";
import { isAdmin, requireUserWithProjects } from "@/lib/session";
import { signOutAction, switchProjectAction } from "./actions";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user, projects } = await requireUserWithProjects();
  const [t, messages] = await Promise.all([getTranslations("nav"), getMessages()]);
  const sections = sectionsFor(isAdmin(user), (key) => t(key));
  const title = config().DASHBOARD_TITLE;
  const choices = projects
    .filter((p) => p.enabled)
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    // Only the messages the dashboard's client components read reach the browser, in one language.
    <NextIntlClientProvider messages={pickMessages(messages as Messages, CLIENT_MESSAGES)}>
      <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] print:block">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm dark:focus:bg-zinc-900">
          {t("skip")}
        </a>
        <aside className="hidden border-r border-zinc-200 bg-white px-3 py-5 dark:border-zinc-800 dark:bg-zinc-900 lg:block print:hidden">
          <Link href="/" className="mb-8 flex items-center gap-2 px-3">
            <Logo className="h-8 w-8 shrink-0" />
            <span className="text-sm font-semibold leading-tight">{title}</span>
          </Link>
          <NavLinks sections={sections} label={t("main")} />
        </aside>
        <div className="min-w-0">
          <header className="sticky top-0 z-10 flex items-center gap-3 border-b border-zinc-200 bg-white/90 px-4 py-2.5 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90 sm:px-6 print:hidden">
            <details className="relative lg:hidden">
              <summary className="flex cursor-pointer list-none items-center rounded-md p-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden">
                <svg viewBox="0 0 24 24" className="h-6 w-6" aria-hidden="true">
                  <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                </svg>
                <span className="sr-only">{t("menu")}</span>
              </summary>
              <div className="absolute left-0 z-20 mt-2 w-64 rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
                <NavLinks sections={sections} label={t("main")} />
              </div>
            </details>
            <Link href="/" className="flex items-center gap-2 lg:hidden" aria-label={t("home", { title })}>
              <Logo className="h-7 w-7" />
            </Link>
            <ProjectSwitcher projects={choices} currentId={user.project?.id ?? null} action={switchProjectAction} />
            <div className="ml-auto">
              <UserMenu name={user.name} domain={user.domain.name} signOut={signOutAction} />
            </div>
          </header>
          <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
            {children}
          </main>
        </div>
      </div>
    </NextIntlClientProvider>
  );
}
