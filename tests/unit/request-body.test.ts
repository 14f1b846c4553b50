import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, refuseMalformedBody } from "@/lib/security/request-body";

const url = "http://dashboard.test/settings/security";
const action = { "Next-Action": "60abcdef" };

function multipart(fields: [string, string][], headers: Record<string, string> = action) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return new Request(url, { method: "POST", body: form, headers });
}

/** A multipart body written by hand, for field names a FormData would escape. */
function rawMultipart(name: string) {
  const boundary = "----WebKitFormBoundaryAMa9AnZ6kFA9F9xD"; // mixed case, as browsers send it
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nv\r\n--${boundary}--\r\n`;
  return new Request(url, { method: "POST", body, headers: { ...action, "Content-Type": `multipart/form-data; boundary=${boundary}` } });
}

const text = (body: string) => new Request(url, { method: "POST", body, headers: { ...action, "Content-Type": "text/plain;charset=UTF-8" } });
const status = async (request: Request) => (await refuseMalformedBody(request))?.status ?? "passes";

describe("request bodies Next would fail on", () => {
  it("lets well-formed action calls and forms through, and still readable", async () => {
    const request = multipart([["0", '[{},"$K1"]'], ["_1_passcode", "123456"]]);
    expect(await status(request)).toBe("passes");
    expect((await request.formData()).get("_1_passcode")).toBe("123456");
    expect(await status(text('[{"a":1}]'))).toBe("passes");
    expect(await status(multipart([["$ACTION_ID_abc", ""]], {}))).toBe("passes");
  });

  it("ignores what is neither an action nor a multipart form", async () => {
    expect(await status(new Request(url, { method: "POST", body: "not json" }))).toBe("passes");
    expect(await status(new Request(url))).toBe("passes");
  });

  it("refuses action arguments that are not JSON", async () => {
    for (const body of ["not json", "", "[1", "\u0000"]) expect(await status(text(body))).toBe(400);
  });

  it("refuses multipart that does not parse, or names a field with control characters", async () => {
    expect(await status(new Request(url, { method: "POST", body: "garbage", headers: { ...action, "Content-Type": "multipart/form-data; boundary=x" } }))).toBe(400);
    for (const name of ["_1_\u0000", "_1_a\u0000b", "_1_\u001b[2J", "x\u007f"]) expect(await status(rawMultipart(name))).toBe(400);
    expect(await status(rawMultipart("_1_ok"))).toBe("passes");
  });

  it("refuses bodies larger than Next's action limit, with or without a Content-Length", async () => {
    const big = "x".repeat(ACTION_BODY_LIMIT);
    expect(await status(multipart([["0", '["$K1"]'], ["_1_a", big]]))).toBe(413);
    const chunked = new Request(url, {
      method: "POST",
      headers: { ...action, "Content-Type": "text/plain" },
      body: new Blob([`["${big}"]`]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(await status(chunked)).toBe(413);
  });
});
