"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavSection } from "./navigation";

const isActive = (pathname: string, href: string) =>
  href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);

// No prefetching: every page is rendered for its request, after asking Keystone, so a prefetch is a
// server render for each link on screen, mostly for pages nobody opens (and it kept the network busy
// for a quarter of a second after each sign-in).
export function NavLinks({ sections, label }: { sections: NavSection[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="space-y-6">
      {sections.map((section) => (
        <div key={section.title}>
          <h2 className="px-3 text-xs font-semibold uppercase tracking-wider text-zinc-600 dark:text-zinc-400">
            {section.title}
          </h2>
          <ul className="mt-2 space-y-0.5">
            {section.items.map((item) => {
              const active = isActive(pathname, item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    prefetch={false}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-3 py-2 text-sm ${
                      active
                        ? "bg-brand-50 font-semibold text-brand-700 dark:bg-brand-600/15 dark:text-brand-100"
                        : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
                    }`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
