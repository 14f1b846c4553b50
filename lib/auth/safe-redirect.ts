/**
 * Where to send a user after login: a path on this site only. Anything that a browser could read
 * as another origin ("//evil", "/\\evil", "https://evil", control characters) falls back to "/".
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2048) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  try {
    const url = new URL(value, "http://dashboard.invalid");
    if (url.origin !== "http://dashboard.invalid") return "/";
    if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/")) return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
