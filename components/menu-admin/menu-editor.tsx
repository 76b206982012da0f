"use client";

import Image from "next/image";
import { useState } from "react";
import type { AdminCategory, AdminItem, MenuAdminView } from "../../lib/menu-admin/get-menu-admin.ts";
import type { MenuKind } from "../../lib/menu-admin/menu-input.ts";
import { formatMoney } from "../format.ts";
import { FormMessage, secondaryButton, Toggle } from "../admin/form-parts.tsx";
import { useAdminAction } from "../admin/use-admin-action.ts";
import { ItemForm } from "./item-form.tsx";
import { moveId } from "./move.ts";
import { OptionGroupsEditor } from "./option-groups-editor.tsx";
import { RowActions } from "./row-actions.tsx";
import { CategoryForm } from "./simple-forms.tsx";

type EditingKind = MenuKind | "new-item" | "new-category" | "new-group" | "new-option";

/** Which row's form is open (one at a time), and the switch a row's Edit button flips. */
export type EditState = { isEditing: (kind: EditingKind, id: string) => boolean; toggle: (kind: EditingKind, id: string) => void; done: () => void };

/** The manager's menu: categories with their items, then the option groups; every change saved at once. */
export function MenuEditor({ menu }: { menu: MenuAdminView }) {
  const action = useAdminAction();
  const [editing, setEditing] = useState<{ kind: EditingKind; id: string } | null>(null);
  const done = () => setEditing(null);
  const isEditing = (kind: EditingKind, id: string) => editing?.kind === kind && editing.id === id;
  const toggle = (kind: EditingKind, id: string) => setEditing(isEditing(kind, id) ? null : { kind, id });

  const reorder = (kind: MenuKind, ids: string[], index: number, delta: number) =>
    action.run("/api/admin/menu/reorder", { method: "POST", body: { kind, ids: moveId(ids, index, delta) } });
  const remove = (path: string, name: string) => {
    if (window.confirm(`Delete ${name}? This cannot be undone.`)) void action.run(`/api/admin/menu/${path}`, { method: "DELETE" }, `Deleted ${name}`);
  };
  const setAvailable = (kind: "item" | "option", id: string, name: string, available: boolean) =>
    action.run("/api/admin/menu/availability", { method: "POST", body: { kind, id, available } }, available ? `${name} is back on` : `86'd ${name}`);

  const itemRow = (category: AdminCategory, item: AdminItem, index: number) => (
    <li key={item.id} data-testid={`admin-item-${item.id}`} className="space-y-3 py-3">
      <div className="flex flex-wrap items-center gap-3">
        {item.image ? <Image src={item.image} alt="" width={48} height={48} unoptimized className="size-12 rounded-xl" /> : <span aria-hidden className="size-12 rounded-xl bg-surface-2" />}
        <div className="min-w-40 flex-1">
          <p className="font-semibold">{item.name}</p>
          <p className="text-sm text-muted">{formatMoney(item.basePriceCents)}</p>
        </div>
        <Toggle on={item.available} label={`${item.name} on sale`} onText="On sale" offText="Sold out" testId={`available-item-${item.id}`} disabled={action.pending} onChange={(on) => void setAvailable("item", item.id, item.name, on)} />
        <RowActions
          name={item.name}
          index={index}
          count={category.items.length}
          editing={isEditing("item", item.id)}
          disabled={action.pending}
          onMove={(d) => void reorder("item", category.items.map((i) => i.id), index, d)}
          onEdit={() => toggle("item", item.id)}
          onDelete={item.ordered ? undefined : () => remove(`items/${item.id}`, item.name)}
        />
      </div>
      {isEditing("item", item.id) && <ItemForm item={item} categoryId={category.id} categories={menu.categories} groups={menu.groups} action={action} onDone={done} />}
    </li>
  );

  return (
    <div className="space-y-8">
      <div className="sticky top-0 z-10 min-h-0">
        <FormMessage message={action.message?.text ?? null} tone={action.message?.tone ?? "ok"} />
      </div>
      <section aria-labelledby="categories-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="categories-heading" className="text-2xl font-semibold">
            Categories and items
          </h2>
          <button type="button" className={secondaryButton} aria-expanded={isEditing("new-category", "")} onClick={() => toggle("new-category", "")}>
            + Category
          </button>
        </div>
        {isEditing("new-category", "") && <CategoryForm action={action} onDone={done} />}
        {menu.categories.map((category, index) => (
          <section key={category.id} aria-labelledby={`category-${category.id}`} className="rounded-2xl border border-line bg-surface p-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div>
                <h3 id={`category-${category.id}`} className="text-xl font-semibold">
                  {category.name}
                </h3>
                <p className="text-sm text-muted">{category.station ? `Made at ${category.station}` : "Every kitchen screen"}</p>
              </div>
              <RowActions
                name={category.name}
                index={index}
                count={menu.categories.length}
                editing={isEditing("category", category.id)}
                disabled={action.pending}
                onMove={(d) => void reorder("category", menu.categories.map((c) => c.id), index, d)}
                onEdit={() => toggle("category", category.id)}
                onDelete={category.items.length === 0 ? () => remove(`categories/${category.id}`, category.name) : undefined}
              />
            </div>
            {isEditing("category", category.id) && <CategoryForm category={category} action={action} onDone={done} />}
            <ul className="divide-y divide-line">{category.items.map((item, i) => itemRow(category, item, i))}</ul>
            {isEditing("new-item", category.id) ? (
              <ItemForm categoryId={category.id} categories={menu.categories} groups={menu.groups} action={action} onDone={done} />
            ) : (
              <button type="button" className={secondaryButton} onClick={() => toggle("new-item", category.id)}>
                + Item in {category.name}
              </button>
            )}
          </section>
        ))}
      </section>
      <OptionGroupsEditor groups={menu.groups} action={action} edit={{ isEditing, toggle, done }} reorder={reorder} remove={remove} setAvailable={setAvailable} />
    </div>
  );
}
