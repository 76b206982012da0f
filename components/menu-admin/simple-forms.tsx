"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { AdminCategory, AdminGroup, AdminOption } from "../../lib/menu-admin/get-menu-admin.ts";
import type { FieldErrors } from "../api/api-client.ts";
import { Field, primaryButton, secondaryButton, TextInput } from "../admin/form-parts.tsx";
import type { useAdminAction } from "../admin/use-admin-action.ts";
import { storeMoney } from "../format.ts";
import { parsePriceInput, priceDeltaInputError, priceInputText } from "./price-input.ts";

type Action = ReturnType<typeof useAdminAction>;

/** The submit and Cancel buttons at the foot of every menu form. */
export function SubmitCancel({ label, pending, onCancel, className }: { label: string; pending: boolean; onCancel: () => void; className: string }) {
  return (
    <div className={`flex gap-3 ${className}`}>
      <button type="submit" className={primaryButton} disabled={pending}>
        {label}
      </button>
      <button type="button" className={secondaryButton} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** The frame every small editor shares: saves with POST (new) or PATCH (existing), shows field errors. */
function EditForm({ label, action, url, id, build, onDone, children, setErrors }: {
  label: string;
  action: Action;
  url: string;
  id?: string;
  /** The body, or field errors found before sending. */
  build: () => { body: Record<string, unknown> } | { errors: FieldErrors };
  onDone: () => void;
  children: ReactNode;
  setErrors: (errors: FieldErrors) => void;
}) {
  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = build();
    if ("errors" in built) return setErrors(built.errors);
    const result = await action.run(id ? `${url}/${id}` : url, { method: id ? "PATCH" : "POST", body: built.body }, `Saved ${String(built.body.name ?? "")}`);
    if (result.ok) onDone();
    else setErrors(result.fields);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={label} className="flex flex-wrap items-start gap-4 rounded-2xl border border-line bg-surface-2 p-4">
      {children}
      <SubmitCancel label="Save" pending={action.pending} onCancel={onDone} className="self-end" />
    </form>
  );
}

export function CategoryForm({ category, action, onDone }: { category?: AdminCategory; action: Action; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(category?.name ?? "");
  const [station, setStation] = useState(category?.station ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <EditForm label={category ? `Edit ${category.name}` : "New category"} action={action} url="/api/admin/menu/categories" id={category?.id} onDone={onDone} setErrors={setErrors} build={() => ({ body: { name, station } })}>
      <Field id={`${id}-name`} label="Category name" error={errors.name}>
        <TextInput id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={60} />
      </Field>
      <Field id={`${id}-station`} label="Kitchen station" error={errors.station} hint="Empty: shown on every kitchen screen">
        <TextInput id={`${id}-station`} value={station} onChange={(e) => setStation(e.target.value)} error={errors.station} hint maxLength={60} />
      </Field>
    </EditForm>
  );
}

export function GroupForm({ group, action, onDone }: { group?: AdminGroup; action: Action; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(group?.name ?? "");
  const [min, setMin] = useState(String(group?.minSelect ?? 0));
  const [max, setMax] = useState(String(group?.maxSelect ?? 1));
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <EditForm label={group ? `Edit ${group.name}` : "New option group"} action={action} url="/api/admin/menu/groups" id={group?.id} onDone={onDone} setErrors={setErrors} build={() => ({ body: { name, minSelect: Number(min), maxSelect: Number(max) } })}>
      <Field id={`${id}-name`} label="Group name" error={errors.name}>
        <TextInput id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={60} />
      </Field>
      <Field id={`${id}-min`} label="Customer must pick at least" error={errors.minSelect}>
        <TextInput id={`${id}-min`} type="number" min={0} max={10} value={min} onChange={(e) => setMin(e.target.value)} error={errors.minSelect} />
      </Field>
      <Field id={`${id}-max`} label="…and at most" error={errors.maxSelect}>
        <TextInput id={`${id}-max`} type="number" min={1} max={10} value={max} onChange={(e) => setMax(e.target.value)} error={errors.maxSelect} />
      </Field>
    </EditForm>
  );
}

export function OptionForm({ option, groupId, action, onDone }: { option?: AdminOption; groupId: string; action: Action; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(option?.name ?? "");
  const money = storeMoney();
  const [delta, setDelta] = useState(priceInputText(option?.priceDeltaCents ?? 0, money));
  const [isDefault, setIsDefault] = useState(option?.isDefault ?? false);
  const [flag, setFlag] = useState(option?.dietaryFlag ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const build = () => {
    const priceDeltaCents = parsePriceInput(delta, money, { allowNegative: true });
    if (priceDeltaCents === null) return { errors: { priceDeltaCents: priceDeltaInputError(money) } };
    return { body: { ...(option ? {} : { groupId }), name, priceDeltaCents, isDefault, dietaryFlag: flag } };
  };
  return (
    <EditForm label={option ? `Edit ${option.name}` : "New option"} action={action} url="/api/admin/menu/options" id={option?.id} onDone={onDone} setErrors={setErrors} build={build}>
      <Field id={`${id}-name`} label="Option name" error={errors.name}>
        <TextInput id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={60} />
      </Field>
      <Field id={`${id}-delta`} label={`Price difference (${money.currency})`} error={errors.priceDeltaCents} hint={`${priceInputText(0, money)} for free`}>
        <TextInput id={`${id}-delta`} inputMode="decimal" value={delta} onChange={(e) => setDelta(e.target.value)} error={errors.priceDeltaCents} hint />
      </Field>
      <Field id={`${id}-flag`} label="Dietary flag" error={errors.dietaryFlag} hint="e.g. Non-dairy, Tree nut">
        <TextInput id={`${id}-flag`} value={flag} onChange={(e) => setFlag(e.target.value)} error={errors.dietaryFlag} hint maxLength={40} />
      </Field>
      <label className="flex min-h-11 items-center gap-3 self-end font-semibold">
        <input type="checkbox" className="size-5" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
        Picked by default
      </label>
    </EditForm>
  );
}
