import { formatMinorUnits, moneyFormatFor } from "../../../lib/money/money-format.ts";
import type { LineItem, StandInSession } from "./resources.ts";

// The stand-in's hosted checkout page: what a browser test sees where Stripe's payment
// page would be. One Pay button (no card form: this is a test double), one cancel link.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.banner{background:#fff3cd;border:1px solid #e0c36c;padding:.5rem;border-radius:.25rem;font-size:.875rem}
table{width:100%;border-collapse:collapse;margin:1rem 0}td{padding:.375rem 0}td:last-child{text-align:right}
tr.total td{border-top:1px solid #ccc;font-weight:600}
button{width:100%;padding:.75rem;font-size:1rem;background:#635bff;color:#fff;border:0;border-radius:.375rem;cursor:pointer}
a{display:block;text-align:center;margin-top:1rem;color:#635bff}
</style></head><body>
<p class="banner">Stripe stand-in: a test double, not Stripe. No money moves.</p>
${body}
</body></html>`;
}

export function checkoutPage(session: StandInSession, items: LineItem[]): string {
  const format = moneyFormatFor(session.currency.toUpperCase(), "en-US");
  const money = (minor: number) => escape(formatMinorUnits(minor, format));
  if (session.status === "expired") {
    return page("Checkout expired", `<h1>This checkout has expired</h1><p data-testid="standin-message">The session can no longer be paid.</p>${backLink(session.cancel_url, "Return to the shop")}`);
  }
  if (session.status === "complete") {
    return page("Already paid", `<h1>Already paid</h1><p data-testid="standin-message">This checkout was paid.</p>${backLink(session.success_url, "Return to the shop")}`);
  }
  const rows = items.map((i) => `<tr><td>${escape(i.name)}${i.quantity > 1 ? ` × ${i.quantity}` : ""}</td><td>${money(i.unitAmount * i.quantity)}</td></tr>`).join("");
  return page(
    "Pay",
    `<h1>Pay ${money(session.amount_total)}</h1>
${session.customer_email ? `<p>Receipt to ${escape(session.customer_email)}</p>` : ""}
<table><tbody>${rows}<tr class="total"><td>Total</td><td data-testid="standin-total">${money(session.amount_total)}</td></tr></tbody></table>
<form method="post" action="/pay/${escape(session.id)}"><button type="submit" data-testid="standin-pay">Pay</button></form>
${session.cancel_url ? `<a data-testid="standin-cancel" href="${escape(session.cancel_url)}">Cancel and return</a>` : ""}`,
  );
}

export const notFoundPage = () => page("Not found", `<h1>No such checkout</h1><p data-testid="standin-message">This checkout does not exist.</p>`);

const backLink = (href: string | null, text: string) => (href ? `<a href="${escape(href)}">${escape(text)}</a>` : "");
