// The box printed once the shop is serving: every URL a person needs, and how long
// it took to get there. The kitchen tablet and the TV are other devices on the shop's
// Wi-Fi, for which "localhost" is themselves: they need this machine's LAN address.

/**
 * How staff devices reach the shop: this machine's LAN base URLs (also accepted for
 * staff sign-in, STAFF_ORIGINS_INCLUDE_LAN; lib/http/lan-addresses.ts `lanBaseUrls`),
 * or only PUBLIC_BASE_URL, which the user pinned.
 */
type BannerNetwork = { lanBaseUrls: readonly string[] } | { pinned: true };

export type BannerInput = {
  mode: "start" | "dev";
  baseUrl: string;
  mailInboxUrl?: string;
  /** lib/config.ts SMS_MODE: where the banner says texts go. */
  smsMode: "sns" | "inbox" | "off";
  seconds: number;
  dataDir?: string;
  /** Left out: the localhost rows only. */
  network?: BannerNetwork;
};

/** The pages someone opens on another device: the customers' phones, the kitchen tablet, the TV, a manager's laptop. */
const DEVICE_PAGES: [label: string, path: string][] = [
  ["Customer ordering", "/"],
  ["Kitchen display", "/kds"],
  ["Order board (TV)", "/board"],
  ["Dashboard", "/dashboard"],
];

const ON_WIFI = "  on the shop's Wi-Fi";

function networkNotes(b: BannerInput): string[] {
  const network = b.network;
  if (!network) return [];
  if ("pinned" in network) {
    return [`Staff devices must use ${b.baseUrl} (PUBLIC_BASE_URL pins it):`, "staff sign-in at any other address is refused."];
  }
  const port = new URL(b.baseUrl).port;
  if (network.lanBaseUrls.length === 0) {
    return [
      "No network address found: only this machine can open the shop now.",
      // Staff sign-in reads the addresses per request; `next dev` reads allowedDevOrigins at start.
      `Once on the Wi-Fi, devices use http://<its address>${port ? `:${port}` : ""}${b.mode === "start" ? " (no restart)" : ""}.`,
    ];
  }
  if (network.lanBaseUrls.length > 1) return ["This machine has several addresses: use the one on the shop's Wi-Fi."];
  return [];
}

export function renderBanner(b: BannerInput): string {
  const lan = b.network && "lanBaseUrls" in b.network ? b.network.lanBaseUrls : [];
  const rows: [string, string][] = [];
  for (const [label, path] of DEVICE_PAGES) {
    rows.push([label, `${b.baseUrl}${path}`]);
    lan.forEach((url, i) => rows.push([i === 0 ? ON_WIFI : "", `${url}${path}`]));
  }
  rows.push(
    ["Mail inbox", b.mailInboxUrl ?? "(SMTP_URL set: mail goes to your SMTP server)"],
    b.smsMode === "inbox"
      ? ["Dev SMS inbox", `${b.baseUrl}/dev/sms`]
      : ["Texts", b.smsMode === "sns" ? "(sent through Amazon SNS)" : "(off: SMS_MODE=off, no texts are sent)"],
  );
  if (b.dataDir) rows.push(["Database files", b.dataDir]);
  const title = `Brewline is serving (${b.mode === "dev" ? "development, hot reload" : "production build"}) after ${b.seconds.toFixed(1)} s`;
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const notes = networkNotes(b);
  const lines = [
    title,
    "",
    ...rows.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value}`),
    "",
    ...(notes.length > 0 ? [...notes, ""] : []),
    "Ctrl-C stops everything.",
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "─".repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join("\n");
}
