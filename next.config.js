// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS, as Next loads it
const createNextIntlPlugin = require("next-intl/plugin");

// Where `next build` writes and `next start` reads. scripts/demo and scripts/test each build into
// their own directory (.next-demo, .next-test), so a rebuild never breaks the other's running server.
const distDir = process.env.NEXT_DIST_DIR || ".next";

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir,
  // The demo serves code that scripts/test type-checks; checking it again would read the tests'
  // generated route types (.next-test/types), which may be older than the code.
  typescript: { ignoreBuildErrors: distDir === ".next-demo" },
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    // The icons and the manifest (public/) change only with a release: a day of caching answers the
    // favicon request Chromium makes again at every client-side navigation without asking the server.
    const icons = "favicon\\.ico|icon\\.svg|icon-192\\.png|icon-512\\.png|icon-maskable-512\\.png|apple-touch-icon\\.png|manifest\\.webmanifest";
    return [
      // Nothing here is for search engines: pages, icons and files alike (robots.txt says so too).
      { source: "/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
      { source: `/:file(${icons})`, headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] },
    ];
  },
};

// The language of each request is chosen in i18n/request.ts (cookie, then Accept-Language).
module.exports = createNextIntlPlugin("./i18n/request.ts")(nextConfig);
