// Chromium (Debian's) through playwright-core, and what one page load fetches, read from CDP.
import { chromium } from "playwright-core";

export const launch = () =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });

/**
 * Starts recording the network of `page`. stop() returns one entry per finished request:
 * { url, type (CDP resource type: Document, Script, Stylesheet, Font, Fetch...), decoded, wire }.
 * decoded: body bytes after gzip (sum of dataReceived.dataLength);
 * wire: bytes received for it (loadingFinished.encodedDataLength: compressed body plus headers).
 */
export async function recordNetwork(page) {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map();
  const entry = (id) => requests.get(id) ?? requests.set(id, { decoded: 0 }).get(id);
  cdp.on("Network.responseReceived", ({ requestId, type, response }) => Object.assign(entry(requestId), { url: response.url, type }));
  cdp.on("Network.dataReceived", ({ requestId, dataLength }) => (entry(requestId).decoded += dataLength));
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => (entry(requestId).wire = encodedDataLength));
  await cdp.send("Network.enable");
  return {
    async stop() {
      await cdp.detach();
      return [...requests.values()].filter((r) => r.url && r.wire !== undefined);
    },
  };
}

/** Bytes of JavaScript V8 ran none of, from Playwright's (block-level) JS coverage entries. */
export function unusedJs(entries) {
  let total = 0;
  let unused = 0;
  const perScript = [];
  for (const { url, source, functions } of entries) {
    if (!source || !url.includes("/_next/static/")) continue; // external scripts only
    const used = new Uint8Array(source.length);
    // Ranges nest; applying outer ones before inner ones leaves each byte with its innermost count.
    const ranges = functions.flatMap((f) => f.ranges);
    ranges.sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
    for (const r of ranges) used.fill(r.count > 0 ? 1 : 0, r.startOffset, r.endOffset);
    const idle = used.length - used.reduce((a, b) => a + b, 0);
    total += source.length;
    unused += idle;
    perScript.push({ url, size: source.length, unused: idle });
  }
  return { total, unused, perScript: perScript.sort((a, b) => b.unused - a.unused) };
}

/** Characters of CSS no rule of the page matched, from Playwright's CSS coverage entries. */
export function unusedCss(entries) {
  let total = 0;
  let used = 0;
  for (const { text, ranges } of entries) {
    total += text.length;
    used += ranges.reduce((n, r) => n + r.end - r.start, 0);
  }
  return { total, unused: total - used };
}
