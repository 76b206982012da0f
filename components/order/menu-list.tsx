import { memo } from "react";
import { formatMoney } from "../format.ts";
import { defaultSelection, unitPriceCents, type MenuCategory, type MenuItemView } from "./menu-math.ts";

/**
 * The menu's cards. Memoised: the page re-renders on every cart or checkout change, and
 * the list only needs to when the live menu does (onPick must be stable).
 */
export const MenuList = memo(function MenuList({ menu, onPick }: { menu: MenuCategory[]; onPick: (item: MenuItemView) => void }) {
  if (menu.length === 0) {
    return (
      <p className="rounded-2xl border border-dashed border-line p-8 text-center text-muted">
        The menu is being written up. Please check back in a moment.
      </p>
    );
  }
  return (
    <>
      <CategoryNav menu={menu} />
      <div className="space-y-9">
        {menu.map((category, c) => (
          <section key={category.id} id={`cat-${category.id}`} aria-labelledby={`cat-${category.id}-heading`} className="scroll-mt-20">
            <h2 id={`cat-${category.id}-heading`} className="mb-3 text-sm font-semibold uppercase tracking-[0.14em] text-muted">
              {category.name}
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2">
              {category.items.map((item, i) => (
                <li key={item.id}>
                  {/* Only the first pictures are above the fold on a phone; the rest load as they scroll in. */}
                  <MenuItemCard item={item} onPick={onPick} eager={c === 0 && i < 3} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
});

/** Jump links, as in the big chains' apps: a long menu on a phone is otherwise a long scroll. */
function CategoryNav({ menu }: { menu: MenuCategory[] }) {
  if (menu.length < 2) return null;
  return (
    <nav aria-label="Menu sections" className="sticky top-0 z-10 -mx-4 mb-5 bg-bg/95 px-4 py-2 backdrop-blur sm:top-14">
      <ul className="flex gap-2 overflow-x-auto [scrollbar-width:none]">
        {menu.map((category) => (
          <li key={category.id} className="shrink-0">
            <a
              href={`#cat-${category.id}`}
              className="inline-flex min-h-11 items-center rounded-full border border-line bg-surface px-4 text-sm font-medium hover:border-accent/60"
            >
              {category.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MenuItemCard({ item, onPick, eager }: { item: MenuItemView; onPick: (item: MenuItemView) => void; eager: boolean }) {
  const from = unitPriceCents(item, defaultSelection(item));
  const soldOut = !item.available;
  // No aria-label: the button is named by all of its visible text (name, price,
  // description, "Sold out"), so voice control ("tap Espresso") matches what is shown.
  return (
    <button
      type="button"
      data-testid={`menu-item-${item.id}`}
      data-available={item.available}
      disabled={soldOut}
      onClick={() => onPick(item)}
      className="group flex h-full min-h-24 w-full items-start gap-3 rounded-2xl border border-line bg-surface p-3 text-left shadow-[0_1px_0_rgb(0_0_0/0.03)] transition hover:-translate-y-px hover:border-accent/50 hover:shadow-md disabled:translate-y-0 disabled:cursor-not-allowed disabled:shadow-none"
    >
      {item.image && (
        // A plain <img>: the pictures are small SVGs served as they are, so next/image
        // would only add its client code and hooks to every card's hydration.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={item.image}
          alt=""
          width={80}
          height={80}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          className={`size-20 shrink-0 rounded-xl ${soldOut ? "opacity-40 grayscale" : ""}`}
        />
      )}
      <div className={`min-w-0 flex-1 py-1 ${soldOut ? "opacity-70" : ""}`}>
        <div className="flex items-baseline justify-between gap-3">
          <h3 className="font-semibold leading-snug">
            {item.name}
          </h3>
          <span className="shrink-0 font-semibold tabular-nums">
            {formatMoney(from)}
          </span>
        </div>
        {item.description && (
          <p className="mt-1 line-clamp-2 text-sm leading-relaxed text-muted">
            {item.description}
          </p>
        )}
        {soldOut && (
          <span className="mt-2 inline-block rounded-full bg-surface-2 px-2.5 py-0.5 text-xs font-semibold text-ink">
            Sold out
          </span>
        )}
      </div>
      {!soldOut && (
        <span
          aria-hidden="true"
          className="mt-1 grid size-9 shrink-0 place-items-center self-center rounded-full bg-accent-soft text-xl leading-none text-accent transition-colors group-hover:bg-accent group-hover:text-accent-ink"
        >
          +
        </span>
      )}
    </button>
  );
}
