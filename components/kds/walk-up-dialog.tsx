"use client";

import { useState } from "react";
import type { WalkUpPaymentMethod } from "../../app/api/kds/walk-up/schema.ts";
import { formatMoney } from "../format.ts";
import { CartLines, CartTotals } from "../order/cart-panel.tsx";
import { ItemSheet, type SheetTarget } from "../order/item-sheet.tsx";
import { addLine, defaultSelection, estimateTotals, itemsById, lineProblem, makeLine, MAX_CART_LINES, MAX_QUANTITY, type CartLine } from "../order/menu-math.ts";
import { useLiveMenu } from "../order/use-live-menu.ts";
import { buttonClass, Modal } from "./modal.tsx";
import { useWalkUp } from "./use-walk-up.ts";
import { CustomerFields, PAYMENT_LABELS, PaymentChoice, WalkUpMenu, type CounterDetails } from "./walk-up-parts.tsx";

const EMPTY: CounterDetails = { customerName: "", phone: "", email: "", notifyConsent: false };

/**
 * "Counter order": a barista keys in the order of a customer standing at the counter.
 * It is the customer's ordering flow in a dialog — the same live menu, option sheet,
 * cart arithmetic and request — and the ticket joins the queue like any other, marked
 * walk-up.
 */
export function WalkUpDialog({ onClose }: { onClose: () => void }) {
  const { menu, store } = useLiveMenu([]);
  const walkUp = useWalkUp();
  const [lines, setLines] = useState<CartLine[]>([]);
  const [details, setDetails] = useState(EMPTY);
  const [paymentMethod, setPaymentMethod] = useState<WalkUpPaymentMethod | null>(null);
  const [sheet, setSheet] = useState<SheetTarget | null>(null);

  const items = itemsById(menu);
  const problems = new Map<number, string>(walkUp.failure?.lines ?? []);
  lines.forEach((line, i) => {
    const problem = menu.length > 0 ? lineProblem(line, items.get(line.menuItemId)) : null;
    if (problem) problems.set(i, problem);
  });
  const change = (update: (ls: CartLine[]) => CartLine[]) => {
    setLines(update);
    walkUp.clearFailure();
  };
  const totals = estimateTotals(lines, store);
  const startOver = () => {
    setLines([]);
    setDetails(EMPTY);
    setPaymentMethod(null);
    walkUp.reset();
  };

  if (walkUp.placed) {
    const { ticketNumber, totalCents, paymentMethod: paidBy } = walkUp.placed;
    return (
      <Modal key="placed" title="Order placed" onClose={onClose} testId="kds-walk-up-dialog" size="sm">
        <div className="text-center">
          <p className="text-muted">Ticket</p>
          <p data-testid="walk-up-ticket" className="text-8xl font-bold tabular-nums">
            {ticketNumber}
          </p>
          <p className="mt-2 text-xl">
            {formatMoney(totalCents)}{" "}
            <span className="text-muted" data-testid="walk-up-paid-by">
              · {paidBy === "PAY_AT_PICKUP" ? "not paid yet" : `paid by ${PAYMENT_LABELS[paidBy].toLowerCase()}`}
            </span>
          </p>
          <p className="mt-1 text-muted">It is on the board now.</p>
        </div>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <button type="button" onClick={onClose} className={buttonClass.quiet}>
            Done
          </button>
          <button type="button" data-autofocus onClick={startOver} className={buttonClass.primary}>
            Next counter order
          </button>
        </div>
      </Modal>
    );
  }

  const tooMany = lines.length > MAX_CART_LINES;
  const blocked = problems.size > 0 || tooMany;
  return (
    <Modal key="form" title="Counter order" description="For a customer at the counter: it joins the queue marked walk-up." onClose={onClose} testId="kds-walk-up-dialog" size="xl">
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <WalkUpMenu
          menu={menu}
          onPick={(item) => {
            // Nothing to choose (a pastry): one tap adds it.
            if (item.groups.length > 0) setSheet({ item });
            else change((ls) => addLine(ls, makeLine(item, defaultSelection(item), 1, ""), MAX_QUANTITY));
          }}
        />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!blocked) void walkUp.submit(lines, details, paymentMethod);
          }}
          className="flex flex-col"
        >
          <h3 className="text-lg font-semibold">Order</h3>
          <CartLines
            lines={lines}
            problems={problems}
            onQuantity={(key, quantity) => change((ls) => ls.map((l) => (l.key === key ? { ...l, quantity } : l)))}
            onEdit={(line) => {
              const item = items.get(line.menuItemId);
              if (item) setSheet({ item, line });
            }}
            onRemove={(key) => change((ls) => ls.filter((l) => l.key !== key))}
          />
          {lines.length > 0 && <CartTotals totals={totals} taxRateBasisPoints={store.taxRateBasisPoints} />}
          <CustomerFields details={details} errors={walkUp.failure?.fields ?? {}} disabled={walkUp.sending} onChange={setDetails} />
          <PaymentChoice
            value={paymentMethod}
            error={paymentMethod === null ? walkUp.failure?.paymentMethod : undefined}
            disabled={walkUp.sending}
            onChange={setPaymentMethod}
          />
          <div role="alert" data-testid="walk-up-error" className={walkUp.failure ? "mt-3 rounded-xl bg-danger-soft px-3 py-2 font-medium text-danger" : ""}>
            {walkUp.failure?.message ?? (tooMany ? `At most ${MAX_CART_LINES} different items per order.` : null)}
          </div>
          <button type="submit" data-testid="walk-up-submit" disabled={walkUp.sending || blocked} aria-busy={walkUp.sending} className={`${buttonClass.primary} mt-3 min-h-14`}>
            {walkUp.sending ? "Placing…" : `Place order${lines.length > 0 ? ` · ${formatMoney(totals.totalCents)}` : ""}`}
          </button>
        </form>
      </div>
      {sheet && (
        <ItemSheet
          key={sheet.line?.key ?? sheet.item.id}
          target={sheet}
          onClose={() => setSheet(null)}
          onDone={(line) => {
            change((ls) => addLine(ls, line, MAX_QUANTITY, sheet.line?.key));
            setSheet(null);
          }}
        />
      )}
    </Modal>
  );
}
