import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { KdsSettings } from "./kitchen-types.ts";
import { updateKdsSettings, type KdsSettingsPatch } from "./update-kds-settings.ts";

/** The kitchen display's timings changed by a manager, recorded in the audit log in the same transaction. */
export async function changeKitchenTimings(options: {
  prisma: PrismaClient;
  actor: Pick<StaffUser, "id" | "name">;
  patch: KdsSettingsPatch;
}): Promise<KdsSettings> {
  const { actor, patch } = options;
  return options.prisma.$transaction(async (tx) => {
    const after = await updateKdsSettings({ prisma: tx, patch });
    const summary = `Kitchen timings: yellow after ${after.warnAfterSeconds} s, red after ${after.lateAfterSeconds} s, ready on the board for ${after.boardReadySeconds} s`;
    await recordStaffAction({ tx, actor, action: "kds.settings", summary, details: { ...patch } });
    return after;
  });
}
