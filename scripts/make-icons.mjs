// Draws the PNG icons and favicon.ico in public/ from public/icon.svg with Debian's Chromium.
// Run by hand after changing the SVG (`node scripts/make-icons.mjs`); the outputs are committed.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const publicDir = new URL("../public/", import.meta.url);
const svg = readFileSync(new URL("icon.svg", publicDir), "utf8");
// iOS and Android's maskable icons crop the image themselves: square corners, nothing transparent.
// The mark already lies inside the maskable safe zone (the central 80 % circle).
const square = svg.replace('rx="12"', 'rx="0"');
if (square === svg) throw new Error('icon.svg: expected the background <rect rx="12">');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();

async function png(source, size) {
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(source).toString("base64")}`;
  await page.setContent(`<body style="margin:0"><img src="${src}" width="${size}" height="${size}" style="display:block">`);
  await page.locator("img").evaluate((img) => img.decode());
  return page.screenshot({ omitBackground: true });
}

/** An ICO file holding PNG images, which every current browser reads. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size % 256, entry); // width, 0 means 256
    header.writeUInt8(size % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

try {
  const favicon = [];
  for (const size of [16, 32, 48]) favicon.push({ size, data: await png(svg, size) });
  writeFileSync(new URL("favicon.ico", publicDir), ico(favicon));
  writeFileSync(new URL("icon-192.png", publicDir), await png(svg, 192));
  writeFileSync(new URL("icon-512.png", publicDir), await png(svg, 512));
  writeFileSync(new URL("icon-maskable-512.png", publicDir), await png(square, 512));
  writeFileSync(new URL("apple-touch-icon.png", publicDir), await png(square, 180));
} finally {
  await browser.close();
}
