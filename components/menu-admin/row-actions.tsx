import { secondaryButton } from "../admin/form-parts.tsx";

/** ↑ ↓ Edit Delete for a row of the menu editor; labels name the row for screen readers. */
export function RowActions({ name, index, count, editing, onMove, onEdit, onDelete, disabled }: {
  name: string;
  index: number;
  count: number;
  editing: boolean;
  onMove: (delta: number) => void;
  onEdit: () => void;
  onDelete?: () => void;
  disabled?: boolean;
}) {
  const small = `${secondaryButton} min-w-11 px-3`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={small} aria-label={`Move ${name} up`} disabled={disabled || index === 0} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" className={small} aria-label={`Move ${name} down`} disabled={disabled || index === count - 1} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" className={small} aria-expanded={editing} aria-label={`Edit ${name}`} onClick={onEdit}>
        Edit
      </button>
      {onDelete && (
        <button type="button" className={`${small} text-danger`} aria-label={`Delete ${name}`} disabled={disabled} onClick={onDelete}>
          Delete
        </button>
      )}
    </div>
  );
}
