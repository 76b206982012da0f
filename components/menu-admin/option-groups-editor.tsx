"use client";

import type { AdminGroup } from "../../lib/menu-admin/get-menu-admin.ts";
import type { MenuKind } from "../../lib/menu-admin/menu-input.ts";
import { formatDelta } from "../format.ts";
import { secondaryButton, Toggle } from "../admin/form-parts.tsx";
import type { useAdminAction } from "../admin/use-admin-action.ts";
import type { EditState } from "./menu-editor.tsx";
import { RowActions } from "./row-actions.tsx";
import { GroupForm, OptionForm } from "./simple-forms.tsx";

const choices = (g: AdminGroup) => (g.minSelect === 0 ? `optional, up to ${g.maxSelect}` : g.minSelect === g.maxSelect ? `pick ${g.minSelect}` : `pick ${g.minSelect} to ${g.maxSelect}`);

/** Option groups (size, milk…) and their options, with the same switches as items. */
export function OptionGroupsEditor({ groups, action, edit, reorder, remove, setAvailable }: {
  groups: AdminGroup[];
  action: ReturnType<typeof useAdminAction>;
  edit: EditState;
  reorder: (kind: MenuKind, ids: string[], index: number, delta: number) => Promise<unknown>;
  remove: (path: string, name: string) => void;
  setAvailable: (kind: "item" | "option", id: string, name: string, available: boolean) => Promise<unknown>;
}) {
  const { isEditing, toggle, done } = edit;

  return (
    <section aria-labelledby="groups-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="groups-heading" className="text-2xl font-semibold">
          Option groups
        </h2>
        <button type="button" className={secondaryButton} aria-expanded={isEditing("new-group", "")} onClick={() => toggle("new-group", "")}>
          + Option group
        </button>
      </div>
      {isEditing("new-group", "") && <GroupForm action={action} onDone={done} />}
      {groups.map((group, index) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`} className="rounded-2xl border border-line bg-surface p-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div>
              <h3 id={`group-${group.id}`} className="text-xl font-semibold">
                {group.name}
              </h3>
              <p className="text-sm text-muted">
                {choices(group)} · on {group.itemCount} item{group.itemCount === 1 ? "" : "s"}
              </p>
            </div>
            <RowActions
              name={group.name}
              index={index}
              count={groups.length}
              editing={isEditing("group", group.id)}
              disabled={action.pending}
              onMove={(d) => void reorder("group", groups.map((g) => g.id), index, d)}
              onEdit={() => toggle("group", group.id)}
              onDelete={() => remove(`groups/${group.id}`, group.name)}
            />
          </div>
          {isEditing("group", group.id) && <GroupForm group={group} action={action} onDone={done} />}
          <ul className="divide-y divide-line">
            {group.options.map((option, i) => (
              <li key={option.id} data-testid={`admin-option-${option.id}`} className="space-y-3 py-3">
                <div className="flex flex-wrap items-center gap-3">
                  <div className="min-w-40 flex-1">
                    <p className="font-semibold">
                      {option.name} {option.isDefault && <span className="ml-1 rounded-full bg-accent-soft px-2 py-0.5 text-xs text-accent-strong">default</span>}
                    </p>
                    <p className="text-sm text-muted">{[formatDelta(option.priceDeltaCents) || "free", option.dietaryFlag].filter(Boolean).join(" · ")}</p>
                  </div>
                  <Toggle on={option.available} label={`${option.name} available`} onText="Available" offText="Sold out" testId={`available-option-${option.id}`} disabled={action.pending} onChange={(on) => void setAvailable("option", option.id, option.name, on)} />
                  <RowActions
                    name={option.name}
                    index={i}
                    count={group.options.length}
                    editing={isEditing("option", option.id)}
                    disabled={action.pending}
                    onMove={(d) => void reorder("option", group.options.map((o) => o.id), i, d)}
                    onEdit={() => toggle("option", option.id)}
                    onDelete={() => remove(`options/${option.id}`, option.name)}
                  />
                </div>
                {isEditing("option", option.id) && <OptionForm option={option} groupId={group.id} action={action} onDone={done} />}
              </li>
            ))}
          </ul>
          {isEditing("new-option", group.id) ? (
            <OptionForm groupId={group.id} action={action} onDone={done} />
          ) : (
            <button type="button" className={secondaryButton} onClick={() => toggle("new-option", group.id)}>
              + Option in {group.name}
            </button>
          )}
        </section>
      ))}
    </section>
  );
}
