import type { StaffUser } from "../../../../lib/auth/require-staff.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { jsonResponse, readJsonBody } from "../../../../lib/http/handle-route.ts";
import type { MenuAdminContext } from "../../../../lib/menu-admin/menu-admin-context.ts";
import { managerRoute } from "../manager-route.ts";
import { idParamsSchema, type IdContext } from "./schema.ts";

// Categories, items, option groups and options are edited the same way: POST creates,
// PATCH /[id] changes the fields sent, DELETE /[id] removes. Each use case validates its
// own input (lib/menu-admin/menu-input.ts).

type Save<T> = (options: MenuAdminContext & { id?: string; input: Record<string, unknown> }) => Promise<T>;
type Remove = (options: MenuAdminContext & { id: string }) => Promise<void>;

const context = (actor: StaffUser) => ({ prisma: getPrisma(), actor });

async function bodyObject(request: Request): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request);
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : { body };
}

export const createRoute = <T>(save: Save<T>) =>
  managerRoute(async (request, actor) => jsonResponse(await save({ ...context(actor), input: await bodyObject(request) }), { status: 201 }));

export const updateRoute = <T>(save: Save<T>) =>
  managerRoute(async (request, actor, ctx: IdContext) => {
    const { id } = idParamsSchema.parse(await ctx.params);
    return jsonResponse(await save({ ...context(actor), id, input: await bodyObject(request) }));
  });

export const deleteRoute = (remove: Remove) =>
  managerRoute(async (_request, actor, ctx: IdContext) => {
    const { id } = idParamsSchema.parse(await ctx.params);
    await remove({ ...context(actor), id });
    return new Response(null, { status: 204 });
  });
