import { describe, expect, it } from "vitest";
import { renderBanner, type BannerInput } from "./banner.ts";

const base: BannerInput = { mode: "start", baseUrl: "http://localhost:3000", mailInboxUrl: "http://127.0.0.1:1080", smsMode: "inbox", seconds: 12.34, dataDir: ".data/postgres" };

/** The box's content lines, without the frame and the right padding. */
const contentOf = (text: string) =>
  text
    .split("\n")
    .slice(1, -1)
    .map((l) => l.slice(2, -2).trimEnd());

function expectBoxed(text: string) {
  const lines = text.split("\n");
  expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  expect(lines[0]).toMatch(/^┌─+┐$/);
  expect(lines.at(-1)).toMatch(/^└─+┘$/);
  for (const line of lines.slice(1, -1)) expect(line).toMatch(/^│ .* │$/);
}

describe("renderBanner", () => {
  it("with one LAN address, puts it under each page another device opens", () => {
    const text = renderBanner({ ...base, network: { lanBaseUrls: ["http://192.168.1.20:3000"] } });
    expectBoxed(text);
    expect(contentOf(text)).toEqual([
      "Brewline is serving (production build) after 12.3 s",
      "",
      "Customer ordering      http://localhost:3000/",
      "  on the shop's Wi-Fi  http://192.168.1.20:3000/",
      "Kitchen display        http://localhost:3000/kds",
      "  on the shop's Wi-Fi  http://192.168.1.20:3000/kds",
      "Order board (TV)       http://localhost:3000/board",
      "  on the shop's Wi-Fi  http://192.168.1.20:3000/board",
      "Dashboard              http://localhost:3000/dashboard",
      "  on the shop's Wi-Fi  http://192.168.1.20:3000/dashboard",
      "Mail inbox             http://127.0.0.1:1080",
      "Dev SMS inbox          http://localhost:3000/dev/sms",
      "Database files         .data/postgres",
      "",
      "Ctrl-C stops everything.",
    ]);
  });

  it("with several, lists each under the first and says which one to use", () => {
    const content = contentOf(renderBanner({ ...base, network: { lanBaseUrls: ["http://192.168.1.20:3000", "http://10.8.0.3:3000"] } }));
    const kds = content.indexOf("Kitchen display        http://localhost:3000/kds");
    expect(content.slice(kds, kds + 3)).toEqual([
      "Kitchen display        http://localhost:3000/kds",
      "  on the shop's Wi-Fi  http://192.168.1.20:3000/kds",
      "                       http://10.8.0.3:3000/kds",
    ]);
    expect(content).toContain("This machine has several addresses: use the one on the shop's Wi-Fi.");
    expect(content.filter((l) => l.includes("10.8.0.3"))).toHaveLength(4);
  });

  it("with none, says only this machine can open the shop until it is on the Wi-Fi", () => {
    const text = renderBanner({ ...base, network: { lanBaseUrls: [] } });
    expectBoxed(text);
    expect(text).not.toContain("on the shop's Wi-Fi ");
    expect(contentOf(text)).toContain("No network address found: only this machine can open the shop now.");
    expect(contentOf(text)).toContain("Once on the Wi-Fi, devices use http://<its address>:3000 (no restart).");
    const dev = contentOf(renderBanner({ ...base, mode: "dev", network: { lanBaseUrls: [] } }));
    expect(dev).toContain("Once on the Wi-Fi, devices use http://<its address>:3000.");
  });

  it("with a pinned PUBLIC_BASE_URL, prints that address only and says staff must use it", () => {
    const text = renderBanner({ ...base, baseUrl: "http://shop.lan:8080", network: { pinned: true } });
    expectBoxed(text);
    const content = contentOf(text);
    expect(content).toContain("Kitchen display    http://shop.lan:8080/kds");
    expect(content.filter((l) => l.includes("http://"))).toEqual(content.filter((l) => l.includes("http://shop.lan:8080") || l.includes("127.0.0.1:1080")));
    expect(content).toContain("Staff devices must use http://shop.lan:8080 (PUBLIC_BASE_URL pins it):");
    expect(content).toContain("staff sign-in at any other address is refused.");
  });

  it("without network information, and without the embedded mail and SMS, keeps the plain rows", () => {
    const content = contentOf(renderBanner({ mode: "dev", baseUrl: "http://localhost:3000", smsMode: "sns", seconds: 3 }));
    expect(content).toEqual([
      "Brewline is serving (development, hot reload) after 3.0 s",
      "",
      "Customer ordering  http://localhost:3000/",
      "Kitchen display    http://localhost:3000/kds",
      "Order board (TV)   http://localhost:3000/board",
      "Dashboard          http://localhost:3000/dashboard",
      "Mail inbox         (SMTP_URL set: mail goes to your SMTP server)",
      "Texts              (sent through Amazon SNS)",
      "",
      "Ctrl-C stops everything.",
    ]);
  });

  it("says so when texts are off rather than claiming they go through SNS", () => {
    const content = contentOf(renderBanner({ mode: "start", baseUrl: "http://localhost:3000", smsMode: "off", seconds: 3 }));
    expect(content).toContain("Texts              (off: SMS_MODE=off, no texts are sent)");
  });
});
