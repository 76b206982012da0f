"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatMoney } from "../format.ts";
import { ReconnectingBanner } from "../live/reconnecting-banner.tsx";
import { loadCart, saveCart } from "./cart-storage.ts";
import { CartLines, CartTotals } from "./cart-panel.tsx";
import { CheckoutForm } from "./checkout-form.tsx";
import type { SheetTarget } from "./item-sheet.tsx";
import { MenuList } from "./menu-list.tsx";
import {
  addLine,
  cartCount,
  estimateTotals,
  itemsById,
  lineProblem,
  MAX_CART_LINES,
  MAX_QUANTITY,
  repriceCart,
  type CartLine,
  type MenuCategory,
  type MenuItemView,
} from "./menu-math.ts";
import { StoreBanner } from "./store-banner.tsx";
import type { StoreStatus } from "./store-status.ts";
import { useCheckout } from "./use-checkout.ts";
import { usePickupSlots } from "./use-pickup-slots.ts";
import { useLiveMenu } from "./use-live-menu.ts";

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);

// The options sheet is not part of the first paint: it is loaded once the page is idle
// (or on the first tap, if that comes sooner), which keeps its code out of the page's
// first load and hydration.
const loadItemSheet = () => import("./item-sheet.tsx");
const ItemSheet = dynamic(() => loadItemSheet().then((m) => m.ItemSheet), { ssr: false });

export function OrderBuilder({
  menu: initialMenu,
  store: renderedStore,
  timeZone,
  pushKey = null,
}: {
  menu: MenuCategory[];
  store?: StoreStatus;
  timeZone?: string;
  /** The shop's VAPID public key; null = push off. */
  pushKey?: string | null;
}) {
  const { menu, store, setStore, refresh, stream, changes } = useLiveMenu(initialMenu, renderedStore);
  const [savedLines, setLines] = useState<CartLine[]>([]);
  const [restored, setRestored] = useState(false);
  const [sheet, setSheet] = useState<SheetTarget | null>(null);
  const [cartInView, setCartInView] = useState(false);
  const cartRef = useRef<HTMLElement>(null);
  // Stable, so the memoised menu list is not re-rendered by cart changes.
  const pick = useCallback((item: MenuItemView) => setSheet({ item }), []);

  // localStorage only exists in the browser: restoring during render would make the
  // server and client HTML differ, so the saved cart is read once after hydration.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLines(loadCart(storage(), initialMenu));
    setRestored(true);
  }, [initialMenu]);
  useEffect(() => {
    if (restored) saveCart(storage(), savedLines);
  }, [savedLines, restored]);

  // Loaded ahead of the first tap, so the sheet then opens at once.
  useEffect(() => {
    if (typeof requestIdleCallback === "undefined") {
      const timer = setTimeout(() => void loadItemSheet(), 2_000);
      return () => clearTimeout(timer);
    }
    const id = requestIdleCallback(() => void loadItemSheet(), { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }, []);

  // The "View order" bar is for getting to the cart; once the cart is on screen it would only cover it.
  useEffect(() => {
    const cart = cartRef.current;
    if (!cart || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(([entry]) => setCartInView(entry?.isIntersecting ?? false), { threshold: 0.05 });
    observer.observe(cart);
    return () => observer.disconnect();
  }, []);

  // Derived, not stored: new prices or a sold-out option from the live menu reach the cart at once.
  const lines = repriceCart(savedLines, menu);
  const count = cartCount(lines);
  const pickup = usePickupSlots({ drinks: count, acceptingOrders: store.acceptingOrders, menuChanges: changes });
  const checkout = useCheckout({ lines, store, setStore, refreshMenu: refresh, pickupAt: pickup.pickupAt, onSlotUnavailable: pickup.slotTaken, pushKey });
  const items = itemsById(menu);
  const problems = new Map<number, string>(checkout.failure?.lines ?? []);
  lines.forEach((line, i) => {
    const problem = lineProblem(line, items.get(line.menuItemId));
    if (problem) problems.set(i, problem);
  });
  // The tip is chosen in the checkout form (0 unless paying online) and shown in the cart's totals.
  const totals = estimateTotals(lines, store, { amount: checkout.tipCents });
  const { totalCents } = totals;
  const unorderable = lines.some((line) => lineProblem(line, items.get(line.menuItemId)) !== null);
  // The server decides on a scheduled order even while the store takes none for now.
  const blockedReason =
    !store.acceptingOrders && !pickup.scheduledOnly
      ? "We're not taking online orders right now."
      : pickup.needsSlot
        ? "Choose a pickup time to continue."
        : unorderable
          ? "Remove or change the highlighted drinks to continue."
          : lines.length > MAX_CART_LINES
            ? `At most ${MAX_CART_LINES} different drinks per order.`
            : null;

  const change = (update: (ls: CartLine[]) => CartLine[]) => {
    setLines(update);
    checkout.clearFailure();
  };
  const editLine = (line: CartLine) => {
    const item = items.get(line.menuItemId);
    if (item) setSheet({ item, line });
  };
  // The sheet follows the live menu, so an option selling out while it is open shows at once.
  const sheetItem: MenuItemView | undefined = sheet ? (items.get(sheet.item.id) ?? sheet.item) : undefined;

  return (
    <div className="mx-auto max-w-6xl px-4 pb-32 pt-6 lg:grid lg:grid-cols-[minmax(0,1fr)_380px] lg:gap-10 lg:pb-16">
      <div>
        <div className="mb-5">
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Order ahead, skip the line.</h1>
          <p className="mt-2 text-muted">Pick your drinks and we&apos;ll tell you the moment they&apos;re ready.</p>
        </div>
        <StoreBanner store={store} timeZone={timeZone} orderAhead={pickup.scheduledOnly} className="mb-5 empty:hidden" />
        {/* Only the live menu and store updates wait: ordering does not, and checkout re-checks prices and stock. */}
        <ReconnectingBanner stream={stream} className="not-empty:mb-5" note="You can still order as usual." />
        <MenuList menu={menu} onPick={pick} />
      </div>

      <aside ref={cartRef} id="your-order" aria-labelledby="your-order-heading" className="mt-10 scroll-mt-20 lg:sticky lg:top-20 lg:mt-0 lg:self-start">
        <div className="rounded-3xl border border-line bg-surface p-5 shadow-sm" data-testid="cart">
          <h2 id="your-order-heading" tabIndex={-1} className="text-xl font-semibold tracking-tight focus:outline-none">
            Your order
          </h2>
          <CartLines
            lines={lines}
            problems={problems}
            onQuantity={(key, quantity) => change((ls) => ls.map((l) => (l.key === key ? { ...l, quantity } : l)))}
            onEdit={editLine}
            onRemove={(key) => change((ls) => ls.filter((l) => l.key !== key))}
          />
          {lines.length > 0 && <CartTotals totals={totals} taxRateBasisPoints={store.taxRateBasisPoints} />}
          <CheckoutForm
            failure={checkout.failure}
            submitting={checkout.submitting}
            canSubmit={lines.length > 0 && blockedReason === null}
            blockedReason={blockedReason}
            totalCents={totalCents}
            payment={checkout.payment}
            pickup={pickup.panel}
            pickupLabel={pickup.label}
            pushKey={pushKey}
            onSubmit={(details) => void checkout.submit(details)}
          />
        </div>
      </aside>

      {count > 0 && !cartInView && (
        <div className="fixed inset-x-0 bottom-0 z-20 border-t border-line bg-bg/95 px-4 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 backdrop-blur lg:hidden">
          <a
            href="#your-order"
            data-testid="view-order"
            onClick={() => setTimeout(() => document.getElementById("your-order-heading")?.focus(), 300)}
            className="mx-auto flex min-h-13 max-w-6xl items-center justify-between rounded-2xl bg-ink px-5 py-3 font-semibold text-bg"
          >
            <span>
              View order <span className="font-normal opacity-80">· {count} {count === 1 ? "item" : "items"}</span>
            </span>
            <span className="tabular-nums">{formatMoney(totalCents)}</span>
          </a>
        </div>
      )}

      {sheet && sheetItem && (
        <ItemSheet
          key={sheet.line?.key ?? sheet.item.id}
          target={{ item: sheetItem, line: sheet.line }}
          onClose={() => setSheet(null)}
          onDone={(line) => {
            change((ls) => addLine(ls, line, MAX_QUANTITY, sheet.line?.key));
            setSheet(null);
          }}
        />
      )}
    </div>
  );
}
