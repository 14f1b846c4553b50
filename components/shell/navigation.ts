/** Catalog keys under "nav": the layout puts them into words. */
export type NavKey = "project" | "identity" | "settings" | "overview" | "users" | "groups" | "domains" | "projects" | "activity" | "security" | "password" | "apiAccess";

export interface NavItem {
  href: string;
  label: string;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

interface NavSpec {
  title: NavKey;
  adminOnly?: boolean;
  items: { href: string; label: NavKey }[];
}

/** The sidebar, grouped like Horizon. Only pages that exist are listed. */
export const navigation: NavSpec[] = [
  { title: "project", items: [{ href: "/", label: "overview" }] },
  {
    title: "identity",
    adminOnly: true,
    items: [
      { href: "/identity/users", label: "users" },
      { href: "/identity/groups", label: "groups" },
      { href: "/identity/domains", label: "domains" },
      { href: "/identity/projects", label: "projects" },
      { href: "/identity/activity", label: "activity" },
    ],
  },
  {
    title: "settings",
    items: [
      { href: "/settings/security", label: "security" },
      { href: "/settings/password", label: "password" },
      { href: "/settings/api-access", label: "apiAccess" },
    ],
  },
];

/** The sections this user sees, in words. */
export const sectionsFor = (admin: boolean, words: (key: NavKey) => string): NavSection[] =>
  navigation
    .filter((s) => admin || !s.adminOnly)
    .map((s) => ({ title: words(s.title), items: s.items.map((i) => ({ href: i.href, label: words(i.label) })) }));
