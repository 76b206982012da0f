import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { KdsSettings } from "../kitchen/kitchen-types.ts";
import { updateKdsSettings, type KdsSettingsPatch } from "../kitchen/update-kds-settings.ts";

/** The kitchen display's timings changed by a manager, recorded in the audit log. */
export async function changeKitchenTimings(options: {
  prisma: Pick<PrismaClient, "$queryRaw" | "auditLog">;
  actor: Pick<StaffUser, "id" | "name">;
  patch: KdsSettingsPatch;
}): Promise<KdsSettings> {
  const after = await updateKdsSettings({ prisma: options.prisma, patch: options.patch });
  const summary = `Kitchen timings: yellow after ${after.warnAfterSeconds} s, red after ${after.lateAfterSeconds} s, ready on the board for ${after.boardReadySeconds} s`;
  await recordStaffAction({ prisma: options.prisma, actor: options.actor, action: "kds.settings", summary, details: { ...options.patch } });
  return after;
}
