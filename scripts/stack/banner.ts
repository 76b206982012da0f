// The box printed once the shop is serving: every URL a person needs, and how long
// it took to get there.

export type BannerInput = {
  mode: "start" | "dev";
  baseUrl: string;
  mailInboxUrl?: string;
  smsOutbox: boolean;
  seconds: number;
  dataDir?: string;
};

export function renderBanner(b: BannerInput): string {
  const rows: [string, string][] = [
    ["Customer ordering", `${b.baseUrl}/`],
    ["Kitchen display", `${b.baseUrl}/kds`],
    ["Order board (TV)", `${b.baseUrl}/board`],
    ["Dashboard", `${b.baseUrl}/dashboard`],
    ["Mail inbox", b.mailInboxUrl ?? "(SMTP_URL set: mail goes to your SMTP server)"],
    ["SMS outbox", b.smsOutbox ? `${b.baseUrl}/dev/sms` : "(texts are sent through Amazon SNS)"],
  ];
  if (b.dataDir) rows.push(["Database files", b.dataDir]);
  const title = `Brewline is serving (${b.mode === "dev" ? "development, hot reload" : "production build"}) after ${b.seconds.toFixed(1)} s`;
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const lines = [title, "", ...rows.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value}`), "", "Ctrl-C stops everything."];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "─".repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join("\n");
}
