import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, seed, signInWithPassword, test } from "./support/fixtures";

const publicDir = join(__dirname, "..", "public");
const publicFiles = readdirSync(publicDir);

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;

test("every file of public/ is served as it is to a visitor without a session, marked noindex", async ({ request }) => {
  expect(publicFiles).toEqual(expect.arrayContaining(["favicon.ico", "icon.svg", "apple-touch-icon.png", "manifest.webmanifest", "robots.txt"]));
  for (const name of publicFiles) {
    const response = await request.get(`/${name}`, { maxRedirects: 0 });
    expect(response.status(), name).toBe(200);
    expect(Buffer.compare(await response.body(), readFileSync(join(publicDir, name))), name).toBe(0);
    expect(response.headers()["x-robots-tag"], name).toBe("noindex, nofollow");
  }
});

test("robots.txt disallows everything, and pages ask not to be indexed", async ({ request }) => {
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/^User-agent: \*$/m);
  expect(robots).toMatch(/^Disallow: \/$/m);
  const login = await request.get("/login");
  expect(login.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  expect(await login.text()).toContain('<meta name="robots" content="noindex"/>');
});

test("pages link the icons and the manifest; the manifest's icons have the sizes it says", async ({ page, request }) => {
  await page.goto("/login");
  const links = await page.locator("head link[rel~=icon], head link[rel=apple-touch-icon], head link[rel=manifest]").evaluateAll((els) =>
    els.map((el) => `${el.getAttribute("rel")} ${el.getAttribute("href")}`),
  );
  expect(links.sort()).toEqual(["apple-touch-icon /apple-touch-icon.png", "icon /favicon.ico", "icon /icon.svg", "manifest /manifest.webmanifest"]);
  expect(pngSize(await (await request.get("/apple-touch-icon.png")).body())).toBe("180x180");

  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as { icons: { src: string; sizes: string; type: string }[] };
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src, { maxRedirects: 0 });
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"], icon.src).toContain(icon.type);
    if (icon.type === "image/png") expect(pngSize(await response.body()), icon.src).toBe(icon.sizes);
  }
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
});

test("pages are compressed for browsers, but not for Next's own fetch of a server action's redirect target", async ({ request }) => {
  const browser = await request.get("/login", { headers: { "accept-encoding": "gzip" } });
  expect(browser.headers()["content-encoding"]).toBe("gzip");
  // What Next sends itself when an action redirects: the action's headers, x-action-redirect among them.
  const internal = await request.get("/login", { headers: { "accept-encoding": "gzip", "x-action-redirect": "/login;push" } });
  expect(internal.status()).toBe(200);
  expect(internal.headers()["content-encoding"]).toBeUndefined();
  expect(await internal.text()).toContain('name="username"');
});

test("the icons and the manifest are cached for a day: moving between pages asks the server for no icon", async ({ page, request }) => {
  for (const name of publicFiles.filter((n) => n !== "robots.txt")) {
    expect((await request.get(`/${name}`)).headers()["cache-control"], name).toBe("public, max-age=86400");
  }
  // Chromium asks for the favicon again at every client-side navigation: from its cache, or from the
  // server. The browser fetches it outside the page, so neither a navigation nor "networkidle" waits
  // for it: the test follows each request to its end.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const inFlight = new Set<string>();
  let loadedOnce = false;
  const fromCache = new Set<string>();
  const afterNavigation = new Set<string>();
  let navigated = false;
  cdp.on("Network.requestWillBeSent", ({ requestId, request: r }) => {
    if (new URL(r.url).pathname !== "/icon.svg") return;
    inFlight.add(requestId);
    if (navigated) afterNavigation.add(requestId);
  });
  cdp.on("Network.requestServedFromCache", ({ requestId }) => fromCache.add(requestId));
  cdp.on("Network.responseReceived", ({ requestId, response }) => {
    if (response.fromDiskCache || response.fromPrefetchCache) fromCache.add(requestId);
  });
  cdp.on("Network.loadingFinished", ({ requestId }) => {
    if (inFlight.delete(requestId)) loadedOnce = true;
  });
  cdp.on("Network.loadingFailed", ({ requestId }) => inFlight.delete(requestId));
  const settled = () => inFlight.size === 0;

  await signInWithPassword(page, seed.users.member);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  // The icon has been loaded once (a fetch cut short by the next page caches nothing).
  await expect.poll(() => loadedOnce && settled()).toBe(true);

  navigated = true;
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect.poll(() => afterNavigation.size > 0 && settled()).toBe(true);
  expect([...afterNavigation].filter((id) => !fromCache.has(id))).toEqual([]);
});
