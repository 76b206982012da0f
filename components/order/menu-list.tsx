import type { MenuCategoryView } from "../../lib/menu/get-menu.ts";
import { formatMoney } from "../format.ts";
import { defaultSelection, unitPriceCents, type MenuItemView } from "./menu-math.ts";

export function MenuList({ menu, onPick }: { menu: MenuCategoryView[]; onPick: (item: MenuItemView) => void }) {
  if (menu.length === 0) {
    return (
      <p className="rounded-2xl border border-dashed border-line p-8 text-center text-muted">
        The menu is being written up. Please check back in a moment.
      </p>
    );
  }
  return (
    <div className="space-y-9">
      {menu.map((category) => (
        <section key={category.id} aria-labelledby={`cat-${category.id}`}>
          <h2 id={`cat-${category.id}`} className="mb-3 text-sm font-semibold uppercase tracking-[0.14em] text-muted">
            {category.name}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {category.items.map((item) => (
              <li key={item.id}>
                <MenuItemCard item={item} onPick={onPick} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function MenuItemCard({ item, onPick }: { item: MenuItemView; onPick: (item: MenuItemView) => void }) {
  const from = unitPriceCents(item, defaultSelection(item));
  const soldOut = !item.available;
  return (
    <button
      type="button"
      data-testid={`menu-item-${item.id}`}
      disabled={soldOut}
      onClick={() => onPick(item)}
      aria-label={soldOut ? `${item.name}, sold out` : `${item.name}, ${formatMoney(from)}. Choose options`}
      className="group flex h-full min-h-24 w-full items-start gap-3 rounded-2xl border border-line bg-surface p-4 text-left shadow-[0_1px_0_rgb(0_0_0/0.03)] transition hover:-translate-y-px hover:border-accent/50 hover:shadow-md disabled:translate-y-0 disabled:cursor-not-allowed disabled:opacity-60 disabled:shadow-none"
    >
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-3">
          <h3 className="font-semibold leading-snug">{item.name}</h3>
          <span className="shrink-0 font-semibold tabular-nums">{formatMoney(from)}</span>
        </div>
        {item.description && <p className="mt-1 line-clamp-2 text-sm leading-relaxed text-muted">{item.description}</p>}
        {soldOut && (
          <span className="mt-2 inline-block rounded-full bg-surface-2 px-2.5 py-0.5 text-xs font-medium text-muted">Sold out</span>
        )}
      </div>
      {!soldOut && (
        <span
          aria-hidden="true"
          className="mt-0.5 grid size-9 shrink-0 place-items-center rounded-full bg-accent-soft text-xl leading-none text-accent transition-colors group-hover:bg-accent group-hover:text-accent-ink"
        >
          +
        </span>
      )}
    </button>
  );
}
