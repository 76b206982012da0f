/** A radio button as a card (title and a line of detail): the checkout's payment and pickup choices. */
export function ChoiceCard({
  name,
  value,
  testId,
  title,
  detail,
  checked,
  disabled = false,
  onChange,
}: {
  name: string;
  value: string;
  testId: string;
  title: string;
  detail: string;
  checked: boolean;
  disabled?: boolean;
  onChange: () => void;
}) {
  return (
    <label
      data-testid={testId}
      className="flex min-h-16 cursor-pointer items-start gap-2.5 rounded-2xl border border-line bg-bg p-3 text-sm has-checked:border-accent has-checked:bg-accent-soft has-disabled:cursor-not-allowed has-disabled:opacity-60 has-focus-visible:outline-2 has-focus-visible:outline-accent"
    >
      <input type="radio" name={name} value={value} checked={checked} disabled={disabled} onChange={onChange} className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]" />
      <span>
        <span className="block font-semibold">{title}</span>
        <span className="block text-xs text-muted">{detail}</span>
      </span>
    </label>
  );
}
