import type { PrismaClient } from "../generated/prisma/client.ts";
import { DEFAULT_TEMPLATES, TEMPLATE_KEYS, type MessageTemplate, type TemplateKey } from "./templates.ts";

export type TemplateView = {
  key: TemplateKey;
  template: MessageTemplate;
  /** false: the built-in wording is in use. */
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
};

/** Every template the editor shows, stored or built in. */
export async function listTemplates(options: { prisma: Pick<PrismaClient, "notificationTemplate"> }): Promise<TemplateView[]> {
  const rows = await options.prisma.notificationTemplate.findMany();
  return TEMPLATE_KEYS.map((key) => {
    const row = rows.find((r) => r.key === key);
    return row
      ? { key, template: { subject: row.subject, body: row.body }, custom: true, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy }
      : { key, template: DEFAULT_TEMPLATES[key], custom: false, updatedAt: null, updatedBy: null };
  });
}
