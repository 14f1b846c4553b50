import { config } from "./config";
import { peerHeaderIsSet } from "./security/client-address";

export function checkConfigOrExit() {
  try {
    config();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  if (!peerHeaderIsSet()) {
    console.warn(
      "Client addresses are unknown: the dashboard was not started with `node server.mjs`, so every client shares one " +
        "per-address limit of failed sign-ins and X-Forwarded-For is ignored (see the README, TRUSTED_PROXIES).",
    );
  }
}
