import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { TemplateEditOptions } from "./save-template.ts";
import { DEFAULT_TEMPLATES, describeTemplateKey, type MessageTemplate } from "./templates.ts";

/** Back to the built-in wording: the row goes, so later changes to the defaults apply too. */
export async function resetTemplate(options: TemplateEditOptions): Promise<MessageTemplate> {
  const { prisma, actor, key } = options;
  await prisma.$transaction(async (tx) => {
    await tx.notificationTemplate.deleteMany({ where: { key } });
    await recordStaffAction({ tx, actor, action: "template.reset", summary: `Reset the ${describeTemplateKey(key)} template`, details: { key } });
  });
  return DEFAULT_TEMPLATES[key];
}
