import { storeBanner, type StoreStatus } from "./store-status.ts";

/** Why ordering is off right now, and when it comes back. Announced when it appears. */
export function StoreBanner({
  store,
  timeZone,
  orderAhead = false,
  className = "",
}: {
  store: StoreStatus;
  timeZone?: string;
  /** Pickup slots can still be booked: said, so a closed store does not read as "come back later". */
  orderAhead?: boolean;
  className?: string;
}) {
  const banner = storeBanner(store, timeZone);
  return (
    <div role="status" aria-live="polite" className={className}>
      {banner && (
        <div
          data-testid="store-banner"
          data-state={store.state}
          className={`rounded-2xl border px-4 py-3 ${banner.tone === "danger" ? "border-danger/40 bg-danger-soft text-danger" : "border-warn/40 bg-warn-soft text-warn"}`}
        >
          <p className="font-semibold">{banner.title}</p>
          <p className="mt-0.5 text-sm">{banner.detail}</p>
          {orderAhead && (
            <p className="mt-1 text-sm font-medium" data-testid="order-ahead">
              You can still order ahead: choose a pickup time at checkout.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
