import { randomBytes } from "node:crypto";
import type { StaffUser } from "../auth/require-staff.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

// What every menu edit needs: the database and who is making the change (for the audit log).

export type MenuAdminContext = { prisma: PrismaClient; actor: Pick<StaffUser, "id" | "name"> };
export type Tx = Prisma.TransactionClient;

/**
 * Tells open menu pages to re-read. MenuItem, Modifier, MenuCategory and StoreSettings
 * announce themselves by trigger; option groups and their links to items have no
 * trigger, so edits to them call this inside their transaction (sent on commit).
 */
export async function announceMenuChange(tx: Pick<Tx, "$queryRaw">, table: "ModifierGroup" | "MenuItemModifierGroup"): Promise<void> {
  await tx.$queryRaw`SELECT pg_notify('menu_changed', ${table})::text`;
}

const slugify = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "item";

/** A readable id from the name ("flat-white"), with a random tail when it is taken. */
export async function newMenuId(taken: (id: string) => Promise<boolean>, name: string): Promise<string> {
  const base = slugify(name);
  if (!(await taken(base))) return base;
  return `${base}-${randomBytes(3).toString("hex")}`;
}

/** The next sort position at the end of a list. */
export const nextSort = (current: { _max: { sort: number | null } }) => (current._max.sort ?? -1) + 1;
