/**
 * Renders the app icons from app/icon.svg with the tests' Chromium (run: npm run
 * icons): app/apple-icon.png at 180 × 180, and app/favicon.ico holding 16,
 * 32 and 48 px PNGs for browsers and tools that ask for /favicon.ico. Re-run after editing the SVG.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumPath, quietChromiumArgs } from "@/test/e2e/browser";

const appDir = path.resolve(__dirname, "../../app");
const svg = readFileSync(path.join(appDir, "icon.svg"), "utf8");
// iOS rounds the corners itself; a tile with its own rounded corners would show white ones.
const squareSvg = svg.replace(/ rx="\d+"/, "");

async function renderPng(source: string, size: number): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: quietChromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = source.replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`,
    );
    return await page.screenshot({ omitBackground: true, type: "png" });
  } finally {
    await browser.close();
  }
}

/**
 * An ICO file whose images are PNGs (allowed since Windows Vista and read by every current
 * browser): a 6-byte header, a 16-byte entry per image, then the images.
 * Format: https://learn.microsoft.com/en-us/previous-versions/ms997538(v=msdn.10)
 */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function main() {
  writeFileSync(path.join(appDir, "apple-icon.png"), await renderPng(squareSvg, 180));
  const sizes = [16, 32, 48];
  const images = [];
  for (const size of sizes) images.push({ size, png: await renderPng(svg, size) });
  writeFileSync(path.join(appDir, "favicon.ico"), icoOf(images));
  console.log("wrote app/apple-icon.png and app/favicon.ico");
}

void main();
