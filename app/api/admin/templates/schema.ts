import { z } from "zod";
import { TEMPLATE_KEYS, type TemplateKey } from "../../../../lib/notifications/templates.ts";

export type KeyContext = { params: Promise<{ key: string }> };

export const templateKeyParamsSchema = z.object({
  key: z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]], { error: "no such template" }),
});

/** Checked in depth by validateTemplate (placeholders, lengths), which names the field. */
export const templateBodySchema = z.strictObject({
  subject: z.string().max(1000).nullable().default(null),
  body: z.string().max(5000),
});
