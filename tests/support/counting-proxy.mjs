#!/usr/bin/env node
// A counting proxy in front of Keystone: every request is forwarded unchanged and counted, so a
// test can see exactly what reached Keystone instead of trusting logs.
// Usage: node counting-proxy.mjs <listen-port> <target-url>
//   GET  /__counts  -> {"total":N,"writes":N,"requests":{"POST /v3/auth/tokens totp":N,...}}
//                      (writes: POST/PUT/PATCH/DELETE except on /auth/tokens)
//   POST /__reset   -> zeroes the counts
// Token requests are counted by the methods they carry ("POST /v3/auth/tokens password").
import { createServer, request as forward } from "node:http";

const [listenPort, target] = process.argv.slice(2);
if (!listenPort || !target) {
  console.error("usage: counting-proxy.mjs <listen-port> <target-url>");
  process.exit(2);
}
const upstream = new URL(target);
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let counts = { total: 0, writes: 0, requests: {} };

/** "POST /v3/auth/tokens totp", "PATCH /v3/users/:id", ...: ids folded so tests can name routes. */
function routeOf(method, url, body) {
  const path = url.split("?")[0].replace(/\/[0-9a-f]{32}(?=\/|$)/g, "/:id");
  let route = `${method} ${path}`;
  if (method === "POST" && path.endsWith("/auth/tokens")) {
    try {
      route += ` ${JSON.parse(body).auth.identity.methods.join("+")}`;
    } catch {
      route += " ?";
    }
  }
  return route;
}

function count(method, url, body) {
  const route = routeOf(method, url, body);
  counts.total += 1;
  // Issuing, rescoping and revoking tokens is how every request signs in and out, not a change.
  if (WRITES.has(method) && !route.includes("/auth/tokens")) counts.writes += 1;
  counts.requests[route] = (counts.requests[route] ?? 0) + 1;
}

createServer((req, res) => {
  if (req.url === "/__counts") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(counts));
    return;
  }
  if (req.url === "/__reset" && req.method === "POST") {
    counts = { total: 0, writes: 0, requests: {} };
    res.writeHead(204).end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    count(req.method, req.url, body.toString("utf8"));
    const out = forward(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    out.end(body);
  });
}).listen(Number(listenPort), "127.0.0.1");
