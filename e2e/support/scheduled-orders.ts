import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { describeSlot } from "../../lib/schedule/describe-slot.ts";
import { query } from "./db.ts";
import { newDeviceId } from "./shop.ts";

// Orders for a pickup time (issue 17): choosing a slot in the phone's checkout, booking one
// through the API, and what the database says about an order's firing.

/** A pickup slot as the checkout's select offers it. */
export type ChosenSlot = {
  /** The slot's start (ISO), what the order sends as pickupAt. */
  startsAt: string;
  /** "8:15" (H:MM in the store's time zone). */
  label: string;
  /** As the status page and the checkout say it: "8:15", "8:15 tomorrow", "8:15 on Saturday". */
  text: string;
};

/** Slot starts (ms) that hold a booking: another spec's order for later must not change what this one counts. */
async function bookedSlotStarts(): Promise<Set<number>> {
  const rows = await query<{ pickupAt: Date }>(
    `SELECT DISTINCT "pickupAt" FROM "Order" WHERE "pickupAt" IS NOT NULL AND status IN ('SCHEDULED', 'AWAITING_PAYMENT')`,
  );
  return new Set(rows.map((row) => row.pickupAt.getTime()));
}

/** "Schedule for later" in the checkout, then the first slot that starts at least `minutesAhead` from now, takes the order and holds no other booking. */
export async function scheduleForLater(page: Page, minutesAhead: number): Promise<ChosenSlot> {
  await page.getByRole("radio", { name: /Schedule for later/ }).check();
  const select = page.getByRole("combobox", { name: "Pickup time", exact: true });
  await expect(select).toBeVisible();
  const earliest = Date.now() + minutesAhead * 60_000;
  // Options come in once the slots are fetched; a full slot is disabled.
  let slot: ChosenSlot | undefined;
  await expect
    .poll(async () => {
      const options = await select.locator("option:not([disabled])").evaluateAll((els) =>
        els.map((el) => ({ value: (el as HTMLOptionElement).value, text: el.textContent ?? "", day: el.closest("optgroup")?.label ?? "" })),
      );
      const booked = await bookedSlotStarts();
      const found = options.find((o) => o.value !== "" && Date.parse(o.value) >= earliest && !booked.has(Date.parse(o.value)));
      slot = found && { startsAt: found.value, label: found.text.trim(), text: describeSlot({ label: found.text.trim(), day: found.day === "Today" ? "today" : "next", dayLabel: found.day }) };
      return slot?.startsAt ?? null;
    }, { message: `an unbooked pickup slot at least ${minutesAhead} min ahead` })
    .not.toBeNull();
  await select.selectOption(slot!.startsAt);
  await expect(select).toHaveValue(slot!.startsAt);
  return slot!;
}

export type ScheduledRow = { id: string; ticketNumber: number; status: string; pickupAt: Date | null; fireAt: Date | null; firedAt: Date | null };

/** The order behind a status page, with its pickup and firing times. */
export async function scheduledOrder(token: string): Promise<ScheduledRow> {
  const [row] = await query<ScheduledRow>(
    `SELECT id, "ticketNumber", status::text AS status, "pickupAt", "fireAt", "firedAt" FROM "Order" WHERE "publicToken" = $1`,
    [token],
  );
  if (!row) throw new Error(`no order for token ${token}`);
  return row;
}

/** Another customer's order for the same pickup time, straight through the API (pay at pickup). */
export async function placeScheduledOrderViaApi(request: APIRequestContext, customerName: string, pickupAt: string, items = [{ menuItemId: "tea", quantity: 1 }]) {
  const response = await request.post("/api/orders", {
    data: { idempotencyKey: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`, customerName, deviceId: newDeviceId(), items, pickupAt },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { statusUrl: string; ticketNumber: number; status: string; pickupAt: string | null };
  expect(body.status).toBe("SCHEDULED");
  return { ...body, token: body.statusUrl.split("/").pop()! };
}
