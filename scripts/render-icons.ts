import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./test-setup/chromium.ts";

// Renders the PNG app icons (home screen, iOS, manifest) and public/favicon.ico from the
// SVGs in public/icons, offline, with the Chromium the e2e tests use. Run after changing
// an SVG:
//   node --import tsx scripts/render-icons.ts

const dir = path.join(import.meta.dirname, "..", "public", "icons");
const outputs = [
  { svg: "icon.svg", png: "icon-192.png", size: 192 },
  { svg: "icon.svg", png: "icon-512.png", size: 512 },
  { svg: "maskable.svg", png: "maskable-512.png", size: 512 },
  // iOS draws its own rounded corners over a full square.
  { svg: "maskable.svg", png: "apple-touch-icon.png", size: 180 },
];

/** An .ico holding one PNG image (the format every browser since IE 9 reads). */
function icoWithPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6); // width
  header.writeUInt8(size, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14); // image size
  header.writeUInt32LE(header.length, 18); // image offset
  return Buffer.concat([header, png]);
}

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (const { svg, png, size } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(path.join(dir, svg), "utf8").replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${markup}`);
    await page.screenshot({ path: path.join(dir, png), omitBackground: true });
    await page.close();
    console.log(`public/icons/${png} (${size}×${size})`);
  }
  // Browsers still ask for /favicon.ico whatever the page links; a 404 there is logged.
  const page = await browser.newPage({ viewport: { width: 32, height: 32 } });
  await page.setContent(`<style>html,body{margin:0}svg{display:block}</style>${readFileSync(path.join(dir, "icon.svg"), "utf8").replace("<svg ", '<svg width="32" height="32" ')}`);
  writeFileSync(path.join(dir, "..", "favicon.ico"), icoWithPng(await page.screenshot({ omitBackground: true }), 32));
  console.log("public/favicon.ico (32×32)");
} finally {
  await browser.close();
}
