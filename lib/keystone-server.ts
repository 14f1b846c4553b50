import "server-only";
import { cache } from "react";
import { config } from "./config";
import { createKeystone, type Keystone, type Project } from "./keystone";
import { processWide } from "./process-wide";
import { FIRST_PAGE_SECONDS } from "./security/limits";

let client: Keystone | undefined;

/** The Keystone client of this server, built from the configuration. */
export function keystone(): Keystone {
  client ??= createKeystone({ url: config().KEYSTONE_URL, timeoutMs: config().KEYSTONE_TIMEOUT_MS });
  return client;
}

// Projects asked for as a session's token is issued, waiting for that session's first page.
const early = processWide("projects-asked-at-sign-in", () => new Map<string, Promise<Project[]>>());

/**
 * Asks Keystone now for the projects of a token just issued, for the first page to use: that call
 * was the first page's longest wait, and this way Keystone answers it while the sign-in's policy
 * check, its answer and the redirect are still being made. Asked once per token (the sign-in step
 * and the session's start both call this); used once, or dropped with the first-page window.
 */
export function askProjectsEarly(token: string): void {
  if (early.has(token)) return;
  const projects = keystone().auth.projects(token);
  projects.catch(() => undefined); // a failure is the first page's to see, or nobody's
  early.set(token, projects);
  setTimeout(() => early.delete(token), FIRST_PAGE_SECONDS * 1000).unref();
}

/** The projects a token may use, asked once per request however many components want them. */
export const projectsOf = cache((token: string): Promise<Project[]> => {
  const asked = early.get(token);
  if (!asked) return keystone().auth.projects(token);
  early.delete(token);
  return asked;
});
