import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { E2E_BASE_URL } from "../stack-env.ts";

// Accessibility gate for every spec: each page a test visits (in any tab) is scanned
// with axe once the test has passed, and serious or critical violations fail it. Specs
// also call expectAccessible() at states a fresh load does not reach (an open sheet,
// field errors, a ready order).

const BLOCKING = new Set(["serious", "critical"]);
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Colours mid-transition are neither the old nor the new ones (a status card fading to
 * green failed colour contrast once in a fresh clone): let finite transitions and
 * animations finish first. Endless ones (spinners, a pulsing dot) are left running.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

export async function expectAccessible(page: Page, label = new URL(page.url()).pathname): Promise<void> {
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const blocking = results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(blocking, `axe: serious/critical violations on ${label}`).toEqual([]);
}

const origin = new URL(E2E_BASE_URL).origin;

export const test = base.extend<{ a11yAudit: void }>({
  a11yAudit: [
    async ({ context }, use, testInfo) => {
      const visited = new Set<string>();
      const track = (page: Page) =>
        page.on("framenavigated", (frame) => {
          if (frame !== page.mainFrame()) return;
          const url = new URL(frame.url());
          if (url.origin === origin && !url.pathname.startsWith("/api/")) visited.add(url.pathname);
        });
      context.pages().forEach(track);
      context.on("page", track);
      await use();
      // A failed test already says what is wrong; axe findings on top would only blur it.
      if (testInfo.status !== testInfo.expectedStatus || visited.size === 0) return;
      await context.setOffline(false);
      const checker = await context.newPage();
      try {
        for (const path of visited) {
          await checker.goto(path);
          await expectAccessible(checker, path);
        }
      } finally {
        await checker.close();
      }
    },
    { auto: true },
  ],
});

export { expect };
