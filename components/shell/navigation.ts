export interface NavItem {
  href: string;
  label: string;
}

export interface NavSection {
  title: string;
  adminOnly?: boolean;
  items: NavItem[];
}

/** The sidebar, grouped like Horizon. Only pages that exist are listed. */
export const navigation: NavSection[] = [
  { title: "Project", items: [{ href: "/", label: "Overview" }] },
  {
    title: "Identity",
    adminOnly: true,
    items: [
      { href: "/identity/users", label: "Users" },
      { href: "/identity/groups", label: "Groups" },
      { href: "/identity/domains", label: "Domains" },
      { href: "/identity/projects", label: "Projects" },
      { href: "/identity/activity", label: "Activity" },
    ],
  },
  {
    title: "Settings",
    items: [
      { href: "/settings/security", label: "Security" },
      { href: "/settings/password", label: "Password" },
      { href: "/settings/api-access", label: "API access" },
    ],
  },
];

export const sectionsFor = (admin: boolean) => navigation.filter((s) => admin || !s.adminOnly);
