import { existsSync } from "node:fs";
import { aptInstall, isDebian, run, SetupStop, type Host } from "./host.ts";

// The end-to-end tests' browser: Debian's Chromium when it is installed, otherwise
// Playwright's own build (in Playwright's cache: ~/.cache/ms-playwright on Linux).

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** The launch options of playwright.config.ts, and of the check below. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  return existsSync(SYSTEM_CHROMIUM)
    ? { executablePath: SYSTEM_CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] }
    : { args: ["--no-sandbox"] };
}

export type ChromiumWay = { kind: "apt" } | { kind: "playwright"; withDeps: boolean };

/** How `npm test` gets a browser here: Debian's package as root on Debian, else Playwright's download. */
export function chromiumWay(host: Host): ChromiumWay {
  if (host.platform === "linux" && host.isRoot && host.aptGet && isDebian(host)) return { kind: "apt" };
  // As root elsewhere on apt (Ubuntu), Playwright also installs the libraries its build needs.
  return { kind: "playwright", withDeps: host.platform === "linux" && host.isRoot && host.aptGet };
}

/** The one command a person runs when `npm test` could not get a browser itself. */
export function chromiumCommand(host: Host): string {
  if (host.platform === "linux" && host.aptGet && isDebian(host)) return "sudo apt-get install -y chromium";
  if (host.platform === "linux" && host.aptGet) return "sudo npx playwright install --with-deps chromium";
  return "npx playwright install chromium";
}

/** Why the browser the tests would use does not start, or undefined when it does. */
async function launchProblem(): Promise<string | undefined> {
  const { chromium } = await import("@playwright/test");
  const options = chromiumLaunchOptions();
  try {
    const browser = await chromium.launch({ ...options, timeout: 30_000 });
    const version = browser.version();
    await browser.close();
    console.log(`    Chromium ${version} (${options.executablePath ?? "Playwright's own build"})`);
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n").find((line) => line.trim()) ?? "it did not start";
  }
}

export async function ensureChromium(host: Host): Promise<void> {
  const problem = await launchProblem();
  if (!problem) return;
  console.log(`    No usable Chromium (${problem}); installing one.`);
  const way = chromiumWay(host);
  const installed =
    way.kind === "apt"
      ? aptInstall(["chromium"])
      : run("npx", ["playwright", "install", ...(way.withDeps ? ["--with-deps"] : []), "chromium"], {
          // Playwright waits 30 s on a silent connection, five times: where its download
          // host is unreachable, say so within the first minute instead.
          env: { PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: "8000" },
        });
  const after = installed ? await launchProblem() : "the install failed";
  if (after) throw new SetupStop(`The end-to-end tests need Chromium, and npm test could not install it (${after}).`, chromiumCommand(host));
}
