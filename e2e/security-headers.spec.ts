import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { signInAs, staffHeaders } from "./support/staff.ts";
import { newDeviceId } from "./support/shop.ts";

// Every page is served with a strict Content-Security-Policy (scripts only with this
// response's nonce, plus 'strict-dynamic'; no 'unsafe-inline' scripts), cannot be framed,
// and carries the other security headers, while still working in a real browser with
// no CSP violation.

type Violation = { directive: string; blocked: string };

/** Records CSP violations (the DOM event) and the console messages browsers print for them. */
async function watchViolations(page: Page): Promise<{ violations: Violation[]; console: string[] }> {
  const seen = { violations: [] as Violation[], console: [] as string[] };
  await page.exposeFunction("reportCspViolation", (v: Violation) => seen.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (v: unknown) => void }).reportCspViolation({ directive: e.violatedDirective, blocked: e.blockedURI });
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) seen.console.push(m.text());
  });
  return seen;
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The headers every page must carry; returns the page's script nonce. */
async function expectPageHeaders(response: APIResponse | null, path: string): Promise<string> {
  expect(response, path).not.toBeNull();
  expect(response!.status(), path).toBe(200);
  const headers = response!.headers();
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], path).toBe("DENY");
  const policy = directives(headers["content-security-policy"] ?? "");
  const scripts = policy.get("script-src") ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, `${path}: script nonce`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(scripts, path).toContain("'strict-dynamic'");
  expect(scripts, path).not.toContain("'unsafe-inline'");
  expect(scripts, path).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
  expect(policy.get("object-src"), path).toEqual(["'none'"]);
  expect(policy.get("default-src"), path).toEqual(["'self'"]);

  // Every script in the HTML carries this response's nonce (the DOM hides it, so read the markup).
  const html = await response!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, `${path}: scripts`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
  return nonce!;
}

test("pages carry a nonce-based CSP and the security headers, and still work with no CSP violation", async ({ page, request }) => {
  const seen = await watchViolations(page);

  // An order to look at, placed through the API (which has its own locked-down policy).
  const placed = await request.post("/api/orders", {
    data: { idempotencyKey: `csp-e2e-${Date.now()}-abcdef`, customerName: "Csp", deviceId: newDeviceId(), items: [{ menuItemId: "tea", quantity: 1 }] },
  });
  expect(placed.status()).toBe(201);
  const api = placed.headers();
  expect(api["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(api["x-content-type-options"]).toBe("nosniff");
  const { statusUrl, ticketNumber } = (await placed.json()) as { statusUrl: string; ticketNumber: number };

  // Customer ordering: the menu opens a drink's options (React is running).
  const nonces = new Set<string>();
  nonces.add(await expectPageHeaders(await request.get("/"), "/"));
  await page.goto("/");
  await page.getByTestId("menu-item-latte").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page.getByTestId("add-to-order")).toBeVisible();

  // Order status: the live stream (EventSource) moves it on once the worker queues it.
  nonces.add(await expectPageHeaders(await request.get(statusUrl), statusUrl));
  await page.goto(statusUrl);
  await expect(page.getByTestId("ticket-number")).toHaveText(String(ticketNumber));
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "QUEUED");

  // Kitchen display: starting the ticket works, and the customer's page would follow.
  nonces.add(await expectPageHeaders(await request.get("/kds", { headers: await staffHeaders("barista") }), "/kds"));
  await signInAs(page, "barista");
  await page.goto("/kds");
  const card = page.getByTestId(`kds-ticket-${ticketNumber}`);
  await expect(card).toBeVisible();
  await card.getByTestId("kds-start").click();
  await expect(card).toHaveAttribute("data-status", "IN_PROGRESS");

  // Dashboard.
  nonces.add(await expectPageHeaders(await request.get("/dashboard", { headers: await staffHeaders("manager") }), "/dashboard"));
  await signInAs(page, "manager");
  await page.goto("/dashboard");
  await expect(page.getByTestId("status-counts")).toBeVisible();

  // A fresh nonce for every response.
  expect(nonces.size).toBe(4);
  // Let late scripts and streams run before judging.
  await page.waitForTimeout(500);
  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);
});
