"use client";

import { useEffect, useId, useRef, useState } from "react";
import { formatMoney } from "../format.ts";
import {
  defaultSelection,
  makeLine,
  MAX_NOTE_LENGTH,
  selectionFromIds,
  selectionProblem,
  toggleModifier,
  unitPriceCents,
  type CartLine,
  type MenuItemView,
  type Selection,
} from "./menu-math.ts";
import { OptionGroup } from "./option-group.tsx";
import { QuantityStepper } from "./quantity-stepper.tsx";

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
          {/* A plain <img>, as on the menu's cards (menu-list.tsx). */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {item.image && <img src={item.image} alt="" width={64} height={64} decoding="async" className="size-16 shrink-0 rounded-2xl" />}
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
          {item.groups.map((group) => (
            <OptionGroup
              key={group.id}
              itemId={item.id}
              group={group}
              chosen={selection[group.id] ?? []}
              onToggle={(id, on) => setSelection((s) => toggleModifier(item, s, group.id, id, on))}
              onClear={() => setSelection((s) => ({ ...s, [group.id]: [] }))}
            />
          ))}

          <div>
            <label htmlFor={noteId} className="flex items-baseline justify-between text-base font-semibold">
              <span>
                Note for the barista <span className="font-normal text-muted">(optional)</span>
              </span>
            </label>
            <textarea
              id={noteId}
              value={note}
              maxLength={MAX_NOTE_LENGTH}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              placeholder="e.g. half sweet, no lid"
              aria-describedby={`${noteId}-count`}
              className="mt-2 w-full resize-none rounded-xl border border-line bg-bg px-3.5 py-3 text-base placeholder:text-muted/70 focus:border-accent"
            />
            <p id={`${noteId}-count`} className={`mt-1 text-right text-xs tabular-nums ${note.length >= MAX_NOTE_LENGTH ? "font-semibold text-danger" : "text-muted"}`}>
              {note.length} of {MAX_NOTE_LENGTH} characters
            </p>
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
