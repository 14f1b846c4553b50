import "server-only";
import { cache } from "react";
import { config } from "./config";
import { createKeystone, type Keystone } from "./keystone";

let client: Keystone | undefined;

/** The Keystone client of this server, built from the configuration. */
export function keystone(): Keystone {
  client ??= createKeystone({ url: config().KEYSTONE_URL, timeoutMs: config().KEYSTONE_TIMEOUT_MS });
  return client;
}

/** The projects a token may use, asked once per request however many components want them. */
export const projectsOf = cache((token: string) => keystone().auth.projects(token));
