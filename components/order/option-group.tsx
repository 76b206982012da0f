import { formatDelta } from "../format.ts";
import { isOptionalChoice, isSingleChoice, type MenuGroupView } from "./menu-math.ts";

/**
 * One modifier group of the item sheet. Exactly-one groups (size, milk) and at-most-one
 * groups (temperature) are radio buttons, the latter with a "no preference" choice so a
 * pick can be taken back by keyboard and touch alike; the rest are checkboxes.
 */
export function OptionGroup({
  itemId,
  group,
  chosen,
  onToggle,
  onClear,
}: {
  itemId: string;
  group: MenuGroupView;
  chosen: string[];
  onToggle: (modifierId: string, checked: boolean) => void;
  onClear: () => void;
}) {
  const single = isSingleChoice(group);
  const optional = isOptionalChoice(group);
  const radio = single || optional;
  const full = !radio && chosen.length >= group.maxSelect;
  const name = `${itemId}-${group.id}`;
  const hint = single ? "Choose 1" : optional ? "Optional" : `Up to ${group.maxSelect}`;
  return (
    <fieldset>
      <legend className="flex w-full items-baseline justify-between gap-2 text-base font-semibold">
        <span>{group.name}</span>
        <span className="text-xs font-normal text-muted">{hint}</span>
      </legend>
      <div className="mt-2 grid gap-2">
        {optional && (
          <Choice type="radio" name={name} value="" checked={chosen.length === 0} disabled={false} onChange={() => onClear()} label="As usual" price="" />
        )}
        {group.modifiers.map((m) => {
          const checked = chosen.includes(m.id);
          return (
            <Choice
              key={m.id}
              type={radio ? "radio" : "checkbox"}
              name={name}
              value={m.id}
              checked={checked}
              // A sold-out option stays checked if it was (so the problem is visible) but cannot be picked.
              disabled={(!m.available && !checked) || (!checked && full)}
              soldOut={!m.available}
              onChange={(on) => onToggle(m.id, on)}
              label={m.name}
              price={m.available ? formatDelta(m.priceDeltaCents) : "Sold out"}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

function Choice(props: {
  type: "radio" | "checkbox";
  name: string;
  value: string;
  checked: boolean;
  disabled: boolean;
  soldOut?: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  price: string;
}) {
  return (
    <label
      className={`flex min-h-12 items-center gap-3 rounded-xl border px-3.5 py-2 transition-colors has-[:checked]:border-accent has-[:checked]:bg-accent-soft ${
        props.soldOut && props.checked ? "border-danger" : "border-line"
      } ${props.disabled ? "cursor-not-allowed opacity-55" : "cursor-pointer hover:border-accent/60"}`}
    >
      <input
        type={props.type}
        name={props.name}
        value={props.value}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
        className="size-5 shrink-0 accent-[var(--accent)]"
      />
      <span className={`flex-1 ${props.soldOut ? "line-through decoration-1" : ""}`}>{props.label}</span>
      <span className={`text-sm tabular-nums ${props.soldOut ? "font-medium text-danger" : "text-muted"}`}>{props.price}</span>
    </label>
  );
}
