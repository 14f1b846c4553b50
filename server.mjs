// Serves the built dashboard, as `next start` would, and records the address each request came
// from. Next keeps a client's own X-Forwarded-For, so the socket's address is the only one nobody
// can choose; lib/security/client-address.ts trusts forwarded headers only from TRUSTED_PROXIES.
// Usage: node server.mjs [-p PORT] [-H HOST]   (PORT and HOSTNAME in the environment work too)
import { createServer } from "node:http";
import { parseArgs } from "node:util";

// As `next start` does: React and Next run their production builds.
process.env.NODE_ENV ??= "production";
// Tells lib/security/client-address.ts that every request's x-dashboard-peer was written here.
globalThis[Symbol.for("mfa-dashboard:peer-header")] = true;
const { default: next } = await import("next");

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";

const app = next({ dev: false, port, hostname: hostname === "0.0.0.0" ? "localhost" : hostname });
await app.prepare();
const handle = app.getRequestHandler();

createServer((req, res) => {
  req.headers["x-dashboard-peer"] = req.socket.remoteAddress ?? "";
  // A server action that redirects makes Next fetch the target page from this server, with the
  // action's response headers (x-action-redirect among them) and undici's Accept-Encoding. That
  // answer is unzipped right here and zipped again for the browser: compressing it is wasted CPU.
  if (req.headers["x-action-redirect"]) delete req.headers["accept-encoding"];
  handle(req, res);
}).listen(port, hostname, () => console.log(`Dashboard ready on http://${hostname}:${port}`));
