// Debian's Horizon (openstack-dashboard 23.0) in a directory of the bench's own, pointed at the
// bench's Keystone, as a deployment serves it: assets collected and compressed offline
// (manage.py collectstatic + compress, with Debian's /usr/bin/python3), the app under gunicorn
// (4 workers), and a small front server for /static/ that gzips like a web server would.
// Nothing under /etc or /var is used or changed. Stopped by process group.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, createReadStream, existsSync, mkdirSync, openSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, request as forward } from "node:http";
import { extname, join, normalize } from "node:path";
import { createGzip } from "node:zlib";
import { freePort, repo } from "./dashboard.mjs";

const PY = "/usr/bin/python3";
const PACKAGE = "/usr/lib/python3/dist-packages/openstack_dashboard";
export const HORIZON_PORT = Number(process.env.HORIZON_PORT ?? 8300);
const home = `${repo}/bench/results/horizon`; // git-ignored
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const TYPES = { ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject", ".gif": "image/gif", ".jpg": "image/jpeg", ".json": "application/json", ".html": "text/html" };
const COMPRESSIBLE = new Set([".js", ".css", ".svg", ".json", ".html", ".ttf", ".eot"]);

function localSettings(keystoneUrl) {
  return `# Written by bench/lib/horizon.mjs.
import os
DEBUG = False
ALLOWED_HOSTS = ["*"]
SECRET_KEY = "${randomBytes(24).toString("hex")}"
OPENSTACK_KEYSTONE_URL = "${keystoneUrl}"
OPENSTACK_KEYSTONE_DEFAULT_ROLE = "member"
OPENSTACK_KEYSTONE_DEFAULT_DOMAIN = "Default"
OPENSTACK_KEYSTONE_MULTIDOMAIN_SUPPORT = False
OPENSTACK_SSL_NO_VERIFY = True
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
COMPRESS_ENABLED = True
COMPRESS_OFFLINE = True
STATIC_ROOT = "${home}/static"
WEBROOT = "/"
TIME_ZONE = "UTC"
LOGGING = {"version": 1, "disable_existing_loggers": True, "handlers": {"null": {"class": "logging.NullHandler"}}, "root": {"handlers": ["null"]}}
# Only Keystone is in the catalog: the first page after sign-in is Identity > Projects.
from openstack_dashboard.settings import HORIZON_CONFIG
HORIZON_CONFIG["user_home"] = "/identity/"
`;
}

/** Copies the package with a local/ of our own and collects and compresses the assets (once); points it at keystoneUrl. */
function prepare(keystoneUrl) {
  const marker = `${home}/prepared`;
  const app = `${home}/app`;
  const settings = `${app}/openstack_dashboard/local/local_settings.py`;
  if (existsSync(marker)) {
    writeFileSync(settings, localSettings(keystoneUrl));
    return app;
  }
  rmSync(home, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  cpSync(PACKAGE, `${app}/openstack_dashboard`, { recursive: true, filter: (src) => !src.startsWith(`${PACKAGE}/local/local_settings`) && !src.includes("__pycache__") });
  mkdirSync(`${app}/openstack_dashboard/local/local_settings.d`, { recursive: true });
  writeFileSync(settings, localSettings(keystoneUrl));
  cpSync("/usr/share/openstack-dashboard/manage.py", `${app}/manage.py`);
  // Debian's wsgi.py lives outside the package; ours finds the copy first (gunicorn puts its cwd on sys.path).
  writeFileSync(`${app}/horizon_wsgi.py`, 'import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "openstack_dashboard.settings"\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n');
  const manage = (...args) => execFileSync(PY, ["manage.py", ...args], { cwd: app, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" }, stdio: ["ignore", "ignore", "inherit"] });
  console.log("horizon: collectstatic + compress (once; takes a minute)");
  manage("collectstatic", "--noinput");
  manage("compress", "--force");
  writeFileSync(marker, "");
  return app;
}

/** A front server: /static/ from disk (gzip when the browser accepts it), the rest to gunicorn. */
function front(port, upstreamPort, staticRoot) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(req.url.split("?")[0]);
    if (path.startsWith("/static/")) {
      const file = normalize(join(staticRoot, path.slice("/static/".length)));
      if (!file.startsWith(staticRoot) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
      const ext = extname(file);
      const headers = { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "public, max-age=31536000" };
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        res.writeHead(200, { ...headers, "content-encoding": "gzip", vary: "accept-encoding" });
        return createReadStream(file).pipe(createGzip()).pipe(res);
      }
      res.writeHead(200, { ...headers, "content-length": statSync(file).size });
      return createReadStream(file).pipe(res);
    }
    const out = forward({ host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on("error", () => res.headersSent ? res.end() : res.writeHead(502).end());
    req.pipe(out);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

/** Starts Horizon against keystoneUrl; resolves once /auth/login/ answers 200. Returns { url, log, stop }. */
export async function startHorizon(keystoneUrl, { workers = 4 } = {}) {
  const app = prepare(keystoneUrl);
  const port = await freePort(HORIZON_PORT);
  const upstream = await freePort(port + 1);
  const log = `${home}/gunicorn.log`;
  const out = openSync(log, "a");
  const child = spawn(PY, ["-m", "gunicorn", "--bind", `127.0.0.1:${upstream}`, "--workers", String(workers), "--timeout", "120", "horizon_wsgi:application"], {
    cwd: app,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", DJANGO_SETTINGS_MODULE: "openstack_dashboard.settings" },
  });
  const server = await front(port, upstream, `${home}/static`);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    server.close();
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {} // already gone
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const status = await fetch(`${url}/auth/login/`).then((r) => r.status, () => 0);
    if (status === 200) return { url, log, stop, workers };
    await sleep(500);
  }
  stop();
  throw new Error(`Horizon did not answer 200 on ${url}/auth/login/; see ${log}`);
}
