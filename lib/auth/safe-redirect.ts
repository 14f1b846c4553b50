const ORIGIN = "http://dashboard.invalid";

/** The path, query and fragment of `value` read as a URL on this site; null when it is another origin. */
function normalised(value: string): string | null {
  try {
    const url = new URL(value, ORIGIN);
    return url.origin === ORIGIN ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

/**
 * Where to send a user after login: a path on this site only. The decision is made on the URL as
 * the browser will follow it (normalised: "/.//evil" is "//evil", "/%2e%2e//evil" too), and that
 * path must read the same when parsed again. Anything that a browser could take for another origin
 * ("//evil", "/\\evil", "https://evil", control characters) falls back to "/".
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2048) return "/";
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const path = normalised(value);
  if (path === null || !path.startsWith("/") || path.startsWith("//") || normalised(path) !== path) return "/";
  if (path.startsWith("/login") || path.startsWith("/api/")) return "/";
  return path;
}
