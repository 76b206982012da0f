"use client";

import Image from "next/image";
import { useId, useState, type FormEvent } from "react";
import type { AdminCategory, AdminGroup, AdminItem } from "../../lib/menu-admin/get-menu-admin.ts";
import { parsePrepTimeInput, PREP_TIME_INPUT_ERROR, prepTimeInputText } from "../../lib/menu-admin/prep-time-input.ts";
import type { FieldErrors } from "../api/api-client.ts";
import { Field, inputClass, secondaryButton, TextInput } from "../admin/form-parts.tsx";
import type { useAdminAction } from "../admin/use-admin-action.ts";
import { storeMoney } from "../format.ts";
import { examplePrice, parsePriceInput, priceInputError, priceInputText } from "./price-input.ts";
import { SubmitCancel } from "./simple-forms.tsx";

const IMAGE_ACCEPT = "image/png,image/jpeg,image/webp";
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Adds an item to a category (no item) or edits one: every field of MenuItem plus its option groups. */
export function ItemForm({ item, categoryId, categories, groups, action, onDone }: {
  item?: AdminItem;
  categoryId: string;
  categories: AdminCategory[];
  groups: AdminGroup[];
  action: ReturnType<typeof useAdminAction>;
  onDone: () => void;
}) {
  const id = useId();
  const money = storeMoney();
  const [name, setName] = useState(item?.name ?? "");
  const [description, setDescription] = useState(item?.description ?? "");
  const [price, setPrice] = useState(item ? priceInputText(item.basePriceCents, money) : "");
  const [category, setCategory] = useState(item?.categoryId ?? categoryId);
  const [available, setAvailable] = useState(item?.available ?? true);
  const [image, setImage] = useState<string | null>(item?.image ?? null);
  const [groupIds, setGroupIds] = useState<string[]>(item?.groupIds ?? []);
  const [prep, setPrep] = useState(prepTimeInputText(item?.prepSeconds ?? null));
  const [errors, setErrors] = useState<FieldErrors>({});

  async function upload(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_IMAGE_BYTES) return setErrors({ ...errors, image: "Pictures can be at most 2 MB" });
    const result = await action.run<{ url: string }>("/api/admin/menu/images", { method: "POST", raw: file });
    if (result.ok) setImage(result.data.url);
    setErrors({ ...errors, image: result.ok ? "" : result.message });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const basePriceCents = parsePriceInput(price, money);
    const prepSeconds = parsePrepTimeInput(prep);
    const found: FieldErrors = {};
    if (basePriceCents === null) found.basePriceCents = priceInputError(money);
    if (prepSeconds === undefined) found.prepSeconds = PREP_TIME_INPUT_ERROR;
    if (basePriceCents === null || prepSeconds === undefined) return setErrors(found);
    const body = { name, description, basePriceCents, categoryId: category, available, image, groupIds, prepSeconds };
    const result = item
      ? await action.run(`/api/admin/menu/items/${item.id}`, { method: "PATCH", body }, `Saved ${name}`)
      : await action.run("/api/admin/menu/items", { method: "POST", body }, `Added ${name}`);
    if (result.ok) onDone();
    else setErrors(result.fields);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={item ? `Edit ${item.name}` : "New item"} className="grid gap-4 rounded-2xl border border-line bg-surface-2 p-4 sm:grid-cols-2" data-testid="item-form">
      <Field id={`${id}-name`} label="Name" error={errors.name}>
        <TextInput id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={80} required />
      </Field>
      <Field id={`${id}-price`} label={`Price (${money.currency})`} error={errors.basePriceCents} hint={`e.g. ${examplePrice(money)}`}>
        <TextInput id={`${id}-price`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} error={errors.basePriceCents} hint />
      </Field>
      <div className="sm:col-span-2">
        <Field id={`${id}-description`} label="Description" error={errors.description}>
          <textarea id={`${id}-description`} className={inputClass} rows={2} maxLength={300} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
      </div>
      <Field id={`${id}-category`} label="Category" error={errors.categoryId}>
        <select id={`${id}-category`} className={inputClass} value={category} onChange={(e) => setCategory(e.target.value)}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-prep`} label="Prep time (minutes:seconds)" error={errors.prepSeconds} hint="e.g. 1:30. Orders for a pickup time reach the bar this long before it. Empty: automatic, from recent orders.">
        <TextInput id={`${id}-prep`} value={prep} onChange={(e) => setPrep(e.target.value)} error={errors.prepSeconds} placeholder="automatic" className="w-40" hint />
      </Field>
      <label className="flex min-h-11 items-center gap-3 self-end font-semibold">
        <input type="checkbox" className="size-5" checked={available} onChange={(e) => setAvailable(e.target.checked)} />
        On sale (not sold out)
      </label>
      <Field id={`${id}-image`} label="Picture (PNG, JPEG or WebP, up to 2 MB)" error={errors.image || undefined}>
        <div className="flex items-center gap-3">
          {image && <Image src={image} alt="" width={56} height={56} unoptimized className="size-14 rounded-xl" />}
          <input id={`${id}-image`} type="file" accept={IMAGE_ACCEPT} className="min-h-11 text-sm" onChange={(e) => void upload(e.target.files?.[0])} />
          {image && (
            <button type="button" className={secondaryButton} onClick={() => setImage(null)}>
              Remove picture
            </button>
          )}
        </div>
      </Field>
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-semibold">Option groups</legend>
        <div className="mt-2 flex flex-wrap gap-3">
          {groups.map((g) => (
            <label key={g.id} className="flex min-h-11 items-center gap-2 rounded-xl border border-line bg-surface px-3">
              <input type="checkbox" className="size-5" checked={groupIds.includes(g.id)} onChange={(e) => setGroupIds(e.target.checked ? [...groupIds, g.id] : groupIds.filter((x) => x !== g.id))} />
              {g.name}
            </label>
          ))}
        </div>
        {errors.groupIds && <p className="text-sm text-danger">{errors.groupIds}</p>}
      </fieldset>
      <SubmitCancel label={item ? "Save item" : "Add item"} pending={action.pending} onCancel={onDone} className="sm:col-span-2" />
    </form>
  );
}
