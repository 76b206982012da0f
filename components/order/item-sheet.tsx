"use client";

import { useEffect, useId, useRef, useState } from "react";
import { formatDelta, formatMoney } from "../format.ts";
import {
  defaultSelection,
  isSingleChoice,
  makeLine,
  MAX_NOTE_LENGTH,
  MAX_QUANTITY,
  selectionFromIds,
  selectionProblem,
  toggleModifier,
  unitPriceCents,
  type CartLine,
  type MenuItemView,
  type Selection,
} from "./menu-math.ts";

export type SheetTarget = { item: MenuItemView; line?: CartLine };

/**
 * Options for one drink in a modal dialog (a bottom sheet on phones). Native <dialog>
 * gives focus trapping, Escape to close and an inert page behind it.
 */
export function ItemSheet({ target, onDone, onClose }: { target: SheetTarget; onDone: (line: CartLine) => void; onClose: () => void }) {
  const { item, line } = target;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [selection, setSelection] = useState<Selection>(() => (line ? selectionFromIds(item, line.modifierIds) : defaultSelection(item)));
  const [quantity, setQuantity] = useState(line?.quantity ?? 1);
  const [note, setNote] = useState(line?.note ?? "");
  const titleId = useId();
  const noteId = useId();

  // No cleanup that calls close(): its "close" event would reach onClose and unmount the
  // sheet straight away under Strict Mode's mount-unmount-mount. Removing an open
  // dialog from the page closes it anyway.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const problem = selectionProblem(item, selection);
  const lineTotal = unitPriceCents(item, selection) * quantity;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (problem) return;
    onDone(makeLine(item, selection, quantity, note));
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        // A tap on the backdrop (the dialog element itself, outside the panel) closes it.
        if (e.target === dialogRef.current) dialogRef.current?.close();
      }}
      className="mx-auto mb-0 mt-auto max-h-[92dvh] w-full max-w-full overflow-hidden rounded-t-3xl bg-surface p-0 text-ink shadow-2xl sm:mb-auto sm:max-w-lg sm:rounded-3xl"
    >
      <form onSubmit={submit} className="flex max-h-[92dvh] flex-col">
        <div className="flex items-start gap-3 border-b border-line px-5 pb-4 pt-5">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-xl font-semibold tracking-tight">
              {item.name}
            </h2>
            {item.description && <p className="mt-1 text-sm text-muted">{item.description}</p>}
          </div>
          <button
            type="button"
            onClick={() => dialogRef.current?.close()}
            className="-mr-2 -mt-1 grid size-11 shrink-0 place-items-center rounded-full text-muted hover:bg-surface-2 hover:text-ink"
            aria-label="Close"
          >
            <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" strokeLinecap="round" />
            </svg>
          </button>
        </div>

        <div className="flex-1 space-y-6 overflow-y-auto overscroll-contain px-5 py-5">
          {item.groups.map((group) => {
            const single = isSingleChoice(group);
            const chosen = selection[group.id] ?? [];
            const full = !single && chosen.length >= group.maxSelect;
            return (
              <fieldset key={group.id}>
                <legend className="flex w-full items-baseline justify-between gap-2 text-base font-semibold">
                  <span>{group.name}</span>
                  <span className="text-xs font-normal text-muted">
                    {single ? "Choose 1" : group.maxSelect === 1 ? "Optional" : `Up to ${group.maxSelect}`}
                  </span>
                </legend>
                <div className="mt-2 grid gap-2">
                  {group.modifiers.map((m) => {
                    const checked = chosen.includes(m.id);
                    const disabled = !m.available || (!checked && full);
                    return (
                      <label
                        key={m.id}
                        className={`flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border border-line px-3.5 py-2 transition-colors has-[:checked]:border-accent has-[:checked]:bg-accent-soft ${
                          disabled ? "cursor-not-allowed opacity-50" : "hover:border-accent/60"
                        }`}
                      >
                        <input
                          type={single ? "radio" : "checkbox"}
                          name={`${item.id}-${group.id}`}
                          value={m.id}
                          checked={checked}
                          disabled={disabled}
                          onChange={(e) => setSelection((s) => toggleModifier(item, s, group.id, m.id, e.target.checked))}
                          className="size-5 shrink-0 accent-[var(--accent)]"
                        />
                        <span className="flex-1">{m.name}</span>
                        <span className="text-sm tabular-nums text-muted">{m.available ? formatDelta(m.priceDeltaCents) : "Sold out"}</span>
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}

          <div>
            <label htmlFor={noteId} className="flex items-baseline justify-between text-base font-semibold">
              <span>
                Note for the barista <span className="font-normal text-muted">(optional)</span>
              </span>
              <span className="text-xs font-normal tabular-nums text-muted" aria-hidden="true">
                {note.length}/{MAX_NOTE_LENGTH}
              </span>
            </label>
            <textarea
              id={noteId}
              value={note}
              maxLength={MAX_NOTE_LENGTH}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              placeholder="e.g. extra hot, half sweet"
              className="mt-2 w-full resize-none rounded-xl border border-line bg-bg px-3.5 py-3 text-base placeholder:text-muted/70 focus:border-accent focus:outline-none"
            />
          </div>
        </div>

        <div className="flex items-center gap-3 border-t border-line bg-surface px-5 py-4 pb-[max(1rem,env(safe-area-inset-bottom))]">
          <QuantityStepper value={quantity} onChange={setQuantity} label={`Quantity of ${item.name}`} />
          <button
            type="submit"
            disabled={problem !== null}
            data-testid="add-to-order"
            className="flex min-h-13 flex-1 items-center justify-between gap-2 whitespace-nowrap rounded-2xl bg-accent px-5 py-3 text-base font-semibold text-accent-ink shadow-sm transition-colors hover:bg-accent-strong disabled:opacity-50"
          >
            <span>{problem ?? (line ? "Update" : <>Add<span className="hidden min-[400px]:inline"> to order</span></>)}</span>
            <span className="tabular-nums">{formatMoney(lineTotal)}</span>
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function QuantityStepper({ value, onChange, label, size = "lg" }: { value: number; onChange: (n: number) => void; label: string; size?: "lg" | "sm" }) {
  const button = size === "lg" ? "size-12" : "size-10";
  return (
    <div role="group" aria-label={label} className="flex items-center rounded-2xl border border-line">
      <button
        type="button"
        onClick={() => onChange(Math.max(1, value - 1))}
        disabled={value <= 1}
        aria-label="One less"
        className={`${button} grid place-items-center rounded-l-2xl text-xl disabled:opacity-30`}
      >
        −
      </button>
      <output aria-live="polite" className="w-7 text-center text-base font-semibold tabular-nums">
        {value}
      </output>
      <button
        type="button"
        onClick={() => onChange(Math.min(MAX_QUANTITY, value + 1))}
        disabled={value >= MAX_QUANTITY}
        aria-label="One more"
        className={`${button} grid place-items-center rounded-r-2xl text-xl disabled:opacity-30`}
      >
        +
      </button>
    </div>
  );
}
