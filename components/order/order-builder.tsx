"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { MenuCategoryView } from "../../lib/menu/get-menu.ts";
import { formatMoney } from "../format.ts";
import { createKeyKeeper, errorMessage, NETWORK_ERROR, orderRequestBody, type ApiError, type OrderResponse } from "./checkout.ts";
import { ItemSheet, QuantityStepper, type SheetTarget } from "./item-sheet.tsx";
import { MenuList } from "./menu-list.tsx";
import {
  addLine,
  cartCount,
  cartTotalCents,
  makeLine,
  MAX_CART_LINES,
  MAX_NAME_LENGTH,
  MAX_QUANTITY,
  selectionFromIds,
  type CartLine,
  type MenuItemView,
} from "./menu-math.ts";

const CART_STORAGE_KEY = "brewline.cart.v1";

/** A cart saved in this tab, re-priced against today's menu; unknown items are dropped. */
function restoreCart(menu: MenuCategoryView[]): CartLine[] {
  try {
    const saved = JSON.parse(sessionStorage.getItem(CART_STORAGE_KEY) ?? "[]") as Partial<CartLine>[];
    const items = new Map(menu.flatMap((c) => c.items).map((i) => [i.id, i]));
    return saved.flatMap((l) => {
      const item = typeof l.menuItemId === "string" ? items.get(l.menuItemId) : undefined;
      if (!item?.available || !Array.isArray(l.modifierIds)) return [];
      const quantity = Math.min(MAX_QUANTITY, Math.max(1, Number(l.quantity) || 1));
      return [makeLine(item, selectionFromIds(item, l.modifierIds.map(String)), quantity, String(l.note ?? ""))];
    });
  } catch {
    return [];
  }
}

export function OrderBuilder({ menu }: { menu: MenuCategoryView[] }) {
  const router = useRouter();
  const [lines, setLines] = useState<CartLine[]>([]);
  const [restored, setRestored] = useState(false);
  const [sheet, setSheet] = useState<SheetTarget | null>(null);
  const [details, setDetails] = useState({ customerName: "", phone: "", email: "" });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ message: string; line?: number } | null>(null);
  const [cartInView, setCartInView] = useState(false);
  const cartRef = useRef<HTMLElement>(null);
  const keyFor = useRef(createKeyKeeper());
  const nameRef = useRef<HTMLInputElement>(null);
  const ids = { name: useId(), phone: useId(), email: useId(), consent: useId() };

  // sessionStorage only exists in the browser: restoring during render would make the
  // server and client HTML differ, so the saved cart is read once after hydration.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLines(restoreCart(menu));
    setRestored(true);
  }, [menu]);
  useEffect(() => {
    if (restored) sessionStorage.setItem(CART_STORAGE_KEY, JSON.stringify(lines));
  }, [lines, restored]);

  // The "View order" bar is for getting to the cart; once the cart is on screen it would only cover it.
  useEffect(() => {
    const cart = cartRef.current;
    if (!cart || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(([entry]) => setCartInView(entry?.isIntersecting ?? false), { threshold: 0.05 });
    observer.observe(cart);
    return () => observer.disconnect();
  }, []);

  const itemsById = new Map(menu.flatMap((c) => c.items).map((i) => [i.id, i]));
  const total = cartTotalCents(lines);
  const count = cartCount(lines);

  const openItem = (item: MenuItemView) => setSheet({ item });
  const editLine = (line: CartLine) => {
    const item = itemsById.get(line.menuItemId);
    if (item) setSheet({ item, line });
  };
  const setQuantity = (key: string, quantity: number) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, quantity } : l)));
  const removeLine = (key: string) => setLines((ls) => ls.filter((l) => l.key !== key));

  async function placeOrder(event: React.FormEvent) {
    event.preventDefault();
    if (submitting || lines.length === 0) return;
    if (!details.customerName.trim()) {
      setError({ message: "Please tell us your name so we can call it out" });
      nameRef.current?.focus();
      return;
    }
    const body = orderRequestBody(lines, details);
    const idempotencyKey = keyFor.current(body);
    setSubmitting(true);
    setError(null);
    try {
      const response = await fetch("/api/orders", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...body, idempotencyKey }),
      });
      const data = (await response.json().catch(() => null)) as (OrderResponse & ApiError) | null;
      if (response.ok && data?.statusUrl) {
        sessionStorage.removeItem(CART_STORAGE_KEY);
        // Stay in the submitting state until the status page replaces this one.
        router.push(data.statusUrl);
        return;
      }
      const line = data?.error?.details?.line;
      setError({ message: errorMessage(response.status, data), line: typeof line === "number" ? line : undefined });
    } catch {
      setError({ message: NETWORK_ERROR });
    }
    setSubmitting(false);
  }

  return (
    <div className="mx-auto max-w-6xl px-4 pb-32 pt-6 lg:grid lg:grid-cols-[minmax(0,1fr)_380px] lg:gap-10 lg:pb-16">
      <div>
        <div className="mb-7">
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Order ahead, skip the line.</h1>
          <p className="mt-2 text-muted">Pick your drinks and we&apos;ll tell you the moment they&apos;re ready.</p>
        </div>
        <MenuList menu={menu} onPick={openItem} />
      </div>

      <aside ref={cartRef} id="your-order" aria-labelledby="your-order-heading" className="mt-10 scroll-mt-20 lg:sticky lg:top-20 lg:mt-0 lg:self-start">
        <form onSubmit={placeOrder} noValidate className="rounded-3xl border border-line bg-surface p-5 shadow-sm" data-testid="cart">
          <h2 id="your-order-heading" tabIndex={-1} className="text-xl font-semibold tracking-tight focus:outline-none">
            Your order
          </h2>

          {lines.length === 0 ? (
            <p className="mt-3 text-sm text-muted">Nothing here yet. Tap a drink to add it.</p>
          ) : (
            <ul className="mt-3 divide-y divide-line">
              {lines.map((line, index) => (
                <li
                  key={line.key}
                  data-testid="cart-line"
                  className={`py-3 ${error?.line === index ? "-mx-2 rounded-xl bg-danger-soft px-2" : ""}`}
                >
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="font-medium">{line.name}</p>
                      {line.optionNames.length > 0 && <p className="text-sm text-muted">{line.optionNames.join(", ")}</p>}
                      {line.note && <p className="text-sm italic text-muted">“{line.note}”</p>}
                    </div>
                    <span className="shrink-0 font-medium tabular-nums">{formatMoney(line.unitPriceCents * line.quantity)}</span>
                  </div>
                  <div className="mt-2 flex items-center gap-2">
                    <QuantityStepper size="sm" value={line.quantity} onChange={(q) => setQuantity(line.key, q)} label={`Quantity of ${line.name}`} />
                    <button type="button" onClick={() => editLine(line)} className="min-h-10 rounded-xl px-3 text-sm font-medium text-accent hover:bg-accent-soft">
                      Edit
                    </button>
                    <button type="button" onClick={() => removeLine(line.key)} className="min-h-10 rounded-xl px-3 text-sm font-medium text-muted hover:bg-surface-2 hover:text-ink">
                      Remove
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}

          <div className="mt-3 flex items-baseline justify-between border-t border-line pt-3 text-lg font-semibold">
            <span>Total</span>
            <span className="tabular-nums" data-testid="cart-total">
              {formatMoney(total)}
            </span>
          </div>

          <fieldset className="mt-5 space-y-3" disabled={submitting}>
            <legend className="sr-only">Your details</legend>
            <Field id={ids.name} label="Your name" hint="We'll call it out at the counter">
              <input
                ref={nameRef}
                id={ids.name}
                name="customerName"
                required
                autoComplete="given-name"
                maxLength={MAX_NAME_LENGTH}
                value={details.customerName}
                onChange={(e) => setDetails((d) => ({ ...d, customerName: e.target.value }))}
                className={inputClass}
              />
            </Field>
            <Field id={ids.phone} label="Mobile for a text" optional>
              <input
                id={ids.phone}
                name="phone"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                placeholder="+1 202 555 0143"
                maxLength={32}
                aria-describedby={ids.consent}
                value={details.phone}
                onChange={(e) => setDetails((d) => ({ ...d, phone: e.target.value }))}
                className={inputClass}
              />
            </Field>
            <Field id={ids.email} label="Email" optional>
              <input
                id={ids.email}
                name="email"
                type="email"
                autoComplete="email"
                maxLength={254}
                aria-describedby={ids.consent}
                value={details.email}
                onChange={(e) => setDetails((d) => ({ ...d, email: e.target.value }))}
                className={inputClass}
              />
            </Field>
            <p id={ids.consent} className="text-xs leading-relaxed text-muted">
              We&apos;ll only use this to tell you when your order is ready. Include the country code for texts.
            </p>
          </fieldset>

          <div role="alert" data-testid="order-error" className={error ? "mt-4 rounded-xl border border-danger/40 bg-danger-soft px-3.5 py-3 text-sm font-medium text-danger" : ""}>
            {error?.message}
          </div>

          <button
            type="submit"
            data-testid="place-order"
            disabled={submitting || lines.length === 0 || lines.length > MAX_CART_LINES}
            aria-busy={submitting}
            className="mt-4 flex min-h-14 w-full items-center justify-center gap-2 rounded-2xl bg-accent px-5 text-lg font-semibold text-accent-ink shadow-sm transition-colors hover:bg-accent-strong disabled:cursor-not-allowed disabled:opacity-50"
          >
            {submitting ? (
              <>
                <span aria-hidden="true" className="size-5 animate-spin rounded-full border-2 border-current border-t-transparent" />
                Placing order…
              </>
            ) : (
              <span>
                Place order{lines.length > 0 && <span className="tabular-nums"> · {formatMoney(total)}</span>}
              </span>
            )}
          </button>
          <p className="mt-2 text-center text-xs text-muted">Pay at the counter when you pick up.</p>
        </form>
      </aside>

      {count > 0 && !cartInView && (
        <div className="fixed inset-x-0 bottom-0 z-20 border-t border-line bg-bg/95 px-4 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 backdrop-blur lg:hidden">
          <a
            href="#your-order"
            onClick={() => setTimeout(() => document.getElementById("your-order-heading")?.focus(), 300)}
            className="mx-auto flex min-h-13 max-w-6xl items-center justify-between rounded-2xl bg-ink px-5 py-3 font-semibold text-bg"
          >
            <span>
              View order <span className="font-normal opacity-80">· {count} {count === 1 ? "item" : "items"}</span>
            </span>
            <span className="tabular-nums">{formatMoney(total)}</span>
          </a>
        </div>
      )}

      {sheet && (
        <ItemSheet
          key={sheet.line?.key ?? sheet.item.id}
          target={sheet}
          onClose={() => setSheet(null)}
          onDone={(line) => {
            setLines((ls) => addLine(ls, line, MAX_QUANTITY, sheet.line?.key));
            setError(null);
            setSheet(null);
          }}
        />
      )}
    </div>
  );
}

const inputClass =
  "mt-1 block min-h-12 w-full rounded-xl border border-line bg-bg px-3.5 text-base placeholder:text-muted/60 focus:border-accent focus:outline-none disabled:opacity-60";

function Field({ id, label, hint, optional, children }: { id: string; label: string; hint?: string; optional?: boolean; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm font-medium">
        <span>
          {label} {optional && <span className="font-normal text-muted">(optional)</span>}
        </span>
        {hint && <span className="text-xs font-normal text-muted">{hint}</span>}
      </label>
      {children}
    </div>
  );
}
