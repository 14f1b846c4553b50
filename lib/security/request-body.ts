/** Next's own limit for server action bodies; a larger body would make Next throw (a 500). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const CONTROL = /[\u0000-\u001f\u007f]/;

const refuse = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Refuses, before Next parses it, a POST body that Next's server-action handling would fail on with
 * a 500 and a stack trace in the log: larger than the action limit, multipart that does not parse
 * or names a field with control characters, or an action call whose arguments are not JSON.
 * Returns null when the request may go on. Reads a clone: the body still reaches Next.
 */
export async function refuseMalformedBody(request: Request): Promise<Response | null> {
  if (request.method !== "POST") return null;
  const isAction = request.headers.has("next-action");
  const type = request.headers.get("content-type") ?? ""; // as sent: the boundary is case-sensitive
  const multipart = type.toLowerCase().startsWith("multipart/form-data");
  if (!isAction && !multipart) return null;
  const tooLarge = () => refuse(413, "The form is too large.");
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) return tooLarge();
  try {
    const body = await request.clone().arrayBuffer();
    if (body.byteLength > ACTION_BODY_LIMIT) return tooLarge(); // sent without a Content-Length
    if (multipart) {
      const form = await new Response(body, { headers: { "Content-Type": type } }).formData();
      for (const name of form.keys()) if (CONTROL.test(name)) return refuse(400, "The form could not be read.");
    } else {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    }
  } catch {
    return refuse(400, "The form could not be read.");
  }
  return null;
}
