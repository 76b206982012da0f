import type { PrismaClient } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import type { MessageTemplates } from "./customer-messages.ts";
import { isTemplateKey, TEMPLATE_CHANNELS, validateTemplate, type TemplateEvent } from "./templates.ts";

/**
 * The managers' templates for an event, read for every event (one small indexed query):
 * a change applies to the very next message. A stored template that does not validate
 * (edited by hand) is skipped, so the customer gets the built-in wording, not a
 * message with a raw {placeholder} in it.
 */
export async function readTemplates(options: { prisma: Pick<PrismaClient, "notificationTemplate">; event: TemplateEvent }): Promise<MessageTemplates> {
  const rows = await options.prisma.notificationTemplate.findMany({
    where: { key: { in: TEMPLATE_CHANNELS.map((c) => `${options.event}:${c}`) } },
    select: { key: true, subject: true, body: true },
  });
  const templates: MessageTemplates = {};
  for (const row of rows) {
    if (!isTemplateKey(row.key)) continue;
    const template = { subject: row.subject, body: row.body };
    const problems = validateTemplate(row.key, template);
    if (Object.keys(problems).length > 0) {
      logger.warn({ key: row.key, problems }, "stored notification template is not valid; using the built-in wording");
      continue;
    }
    templates[row.key] = template;
  }
  return templates;
}
