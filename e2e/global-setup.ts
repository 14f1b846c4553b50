import { chromium, type Browser, type FullConfig } from "@playwright/test";
import { e2eStack, e2eWorkers } from "../tests/support/e2e-servers";
import { readSeed, testKeystonesOf, type Seed, type SeedUser } from "../tests/support/test-keystone";
import { signInWithPassword } from "./support/fixtures";

// A server loads a page's code on the first request for it, and on a busy machine that first
// request takes longer than a spec should wait. So before the first spec, each dashboard serves
// every page once to a browser signed in as the specs sign in.
const WARM_UP_TIMEOUT = 120_000;

const adminPages = (s: Seed) => [
  "/identity/users",
  `/identity/users/${s.users.member.id}`,
  `/identity/users/confirm?action=enforce&id=${s.users.member.id}`,
  "/identity/groups",
  `/identity/groups/${s.groups.operators}`,
  `/identity/coverage/group/${s.groups.operators}`,
  "/identity/domains",
  `/identity/domains/${s.domains.Default}`,
  "/identity/projects",
  "/identity/activity",
];
const memberPages = [
  "/settings/security",
  "/settings/security/recovery-codes",
  "/settings/password",
  "/settings/api-access",
  "/settings/api-access/clouds.yaml",
  "/settings/api-access/application-credentials",
  "/api/auth/session",
];

export default async function warmUp(config: FullConfig) {
  const { launchOptions } = config.projects[0].use;
  const started = Date.now();
  const browser = await chromium.launch(launchOptions);
  try {
    // Every stack's at once: the dashboards with a service account (so their admin pages too), the
    // one in front of the short-receipt Keystone, and the one that does not keep application
    // credentials working under MFA.
    await Promise.all(Array.from({ length: e2eWorkers }, (_, stack) => warmStack(browser, stack)));
    console.log(`Warmed up the e2e dashboards in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await browser.close();
  }
}

function warmStack(browser: Browser, stack: number) {
  const servers = e2eStack(stack);
  const keystones = testKeystonesOf(stack);
  const [seed, short] = [readSeed(keystones.main), readSeed(keystones.short)];
  return Promise.all([
    ...[servers.main, ...servers.pair].map((url) => warm(browser, url, seed, seed.users.admin, [...memberPages, ...adminPages(seed)])),
    warm(browser, servers.noServiceAccount, short, short.users.member, memberPages),
    warm(browser, servers.noApplicationCredentials, seed, seed.users.member, memberPages),
  ]);
}

async function warm(browser: Browser, baseURL: string, s: Seed, user: SeedUser, pages: string[]) {
  const context = await browser.newContext({ baseURL });
  context.setDefaultTimeout(WARM_UP_TIMEOUT);
  const page = await context.newPage();
  try {
    // The password step, the Overview, the other pages and routes, and signing out.
    await signInWithPassword(page, user);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    for (const path of pages) {
      const response = await page.request.get(path, { timeout: WARM_UP_TIMEOUT });
      if (!response.ok()) throw new Error(`warm-up: ${baseURL}${path} answered ${response.status()}`);
    }
    await page.getByText(user.name, { exact: true }).first().click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login\?reason=signed-out/);
    // The passcode step: bob's password, then start over. No passcode is sent, so none is used up.
    await signInWithPassword(page, s.users.mfa);
    await page.getByLabel("Passcode").waitFor();
    await page.goto("/login/recovery"); // and the recovery-code step, sending no code
    await page.getByRole("heading", { name: "Use a recovery code" }).waitFor();
    await page.getByRole("button", { name: "Start over" }).click();
    await page.waitForURL("/login");
  } finally {
    await context.close();
  }
}
