import "server-only";
import { config } from "./config";
import { createKeystone, type Keystone } from "./keystone";

let client: Keystone | undefined;

/** The Keystone client of this server, built from the configuration. */
export function keystone(): Keystone {
  client ??= createKeystone({ url: config().KEYSTONE_URL, timeoutMs: config().KEYSTONE_TIMEOUT_MS });
  return client;
}
