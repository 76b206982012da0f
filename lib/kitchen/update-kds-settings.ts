import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { KdsSettings } from "./kitchen-types.ts";

export const KDS_SETTINGS_DEFAULTS: KdsSettings = { warnAfterSeconds: 180, lateAfterSeconds: 300, boardReadySeconds: 300 };

/** What the kitchen may change; fields left out stay as they are. Its shape (whole seconds, 30–3600) is checked by the route. */
export type KdsSettingsPatch = Partial<KdsSettings>;

export const WARN_BEFORE_LATE = "warnAfterSeconds must be less than lateAfterSeconds";

/**
 * Applies a patch to the kitchen's timing settings in one statement, which also checks
 * that a ticket turns yellow before it turns red against the values it writes (so two
 * screens patching one field each cannot leave them the wrong way round). The row's
 * trigger announces the change on menu_changed, which open boards listen to.
 */
export async function updateKdsSettings(options: {
  prisma: Pick<Prisma.TransactionClient, "$queryRaw">;
  patch: KdsSettingsPatch;
}): Promise<KdsSettings> {
  const { patch } = options;
  const warn = patch.warnAfterSeconds ?? null;
  const late = patch.lateAfterSeconds ?? null;
  const board = patch.boardReadySeconds ?? null;
  const d = KDS_SETTINGS_DEFAULTS;
  const rows = await options.prisma.$queryRaw<KdsSettings[]>`
    INSERT INTO "StoreSettings" AS s ("id", "kdsWarnAfterSeconds", "kdsLateAfterSeconds", "boardReadySeconds", "updatedAt")
    SELECT 1, COALESCE(${warn}::int, ${d.warnAfterSeconds}), COALESCE(${late}::int, ${d.lateAfterSeconds}),
      COALESCE(${board}::int, ${d.boardReadySeconds}), now()
    -- Rows proposed for a missing settings row; an existing row is checked again below, under its lock.
    WHERE COALESCE(${warn}::int, (SELECT "kdsWarnAfterSeconds" FROM "StoreSettings" WHERE "id" = 1), ${d.warnAfterSeconds})
      < COALESCE(${late}::int, (SELECT "kdsLateAfterSeconds" FROM "StoreSettings" WHERE "id" = 1), ${d.lateAfterSeconds})
    ON CONFLICT ("id") DO UPDATE SET
      "kdsWarnAfterSeconds" = COALESCE(${warn}::int, s."kdsWarnAfterSeconds"),
      "kdsLateAfterSeconds" = COALESCE(${late}::int, s."kdsLateAfterSeconds"),
      "boardReadySeconds" = COALESCE(${board}::int, s."boardReadySeconds"),
      "updatedAt" = now()
    WHERE COALESCE(${warn}::int, s."kdsWarnAfterSeconds") < COALESCE(${late}::int, s."kdsLateAfterSeconds")
    RETURNING "kdsWarnAfterSeconds" AS "warnAfterSeconds", "kdsLateAfterSeconds" AS "lateAfterSeconds", "boardReadySeconds"`;
  const [row] = rows;
  if (!row) throw new AppError("VALIDATION", WARN_BEFORE_LATE);
  return row;
}
