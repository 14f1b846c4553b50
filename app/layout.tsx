import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import { connection } from "next/server";
import { config } from "@/lib/config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  // Every page is rendered per request: the title comes from the environment of the running server.
  await connection();
  const title = config().DASHBOARD_TITLE;
  return {
    title: { default: title, template: `%s · ${title}` },
    robots: { index: false },
    // The files in public/. sizes="32x32" on the ICO lets browsers that draw SVG icons prefer icon.svg.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    manifest: "/manifest.webmanifest",
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The user's pick (cookie), else the browser's Accept-Language, else English (i18n/request.ts).
  return (
    <html lang={await getLocale()}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
