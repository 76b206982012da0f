import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { describeTemplateKey, validateTemplate, type MessageTemplate, type TemplateKey } from "./templates.ts";

export type TemplateEditOptions = { prisma: Pick<PrismaClient, "$transaction">; actor: Pick<StaffUser, "id" | "name">; key: TemplateKey };

/** Stores a manager's wording for one event and channel; the next message uses it. */
export async function saveTemplate(options: TemplateEditOptions & { template: MessageTemplate }): Promise<MessageTemplate> {
  const { prisma, actor, key } = options;
  const template = { subject: key.endsWith(":EMAIL") ? options.template.subject : null, body: options.template.body };
  const problems = validateTemplate(key, template);
  if (Object.keys(problems).length > 0) {
    throw new AppError("VALIDATION", Object.values(problems).join("; "), { fields: problems });
  }
  // The audit line commits with the change (docs/ARCHITECTURE.md, "Validation and audit").
  await prisma.$transaction(async (tx) => {
    await tx.notificationTemplate.upsert({
      where: { key },
      create: { key, ...template, updatedBy: actor.name },
      update: { ...template, updatedBy: actor.name },
    });
    await recordStaffAction({ tx, actor, action: "template.update", summary: `Changed the ${describeTemplateKey(key)} template`, details: { key, ...template } });
  });
  return template;
}
