import { z } from "zod";
import { UNSUBSCRIBE_TOKEN_PATTERN } from "../../../../lib/consent/unsubscribe-by-token.ts";
import { AppError } from "../../../../lib/errors.ts";
import { readBodyBytes } from "../../../../lib/http/handle-route.ts";

export const unsubscribeParamsSchema = z.object({ token: z.string().regex(UNSUBSCRIBE_TOKEN_PATTERN) });

/** `List-Unsubscribe=One-Click` plus a short field or two: a form, never more than this. */
export const MAX_UNSUBSCRIBE_BODY_BYTES = 2048;

/**
 * RFC 8058's body, as a mail client sends it (form-encoded or multipart); the unsubscribe
 * page's form adds `via=page` to be sent back to the page afterwards.
 */
export const unsubscribeFormSchema = z.object({
  "List-Unsubscribe": z.literal("One-Click", { error: "send List-Unsubscribe=One-Click (RFC 8058)" }),
  via: z.literal("page").optional(),
});

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The request's form fields (text ones), read from at most MAX_UNSUBSCRIBE_BODY_BYTES. */
export async function readUnsubscribeForm(request: Request): Promise<Record<string, string>> {
  const type = (request.headers.get("content-type") ?? "").trim();
  if (!FORM_TYPE.test(type)) throw new AppError("VALIDATION", "send List-Unsubscribe=One-Click as a form (Content-Type: application/x-www-form-urlencoded)");
  const bytes = await readBodyBytes(request, MAX_UNSUBSCRIBE_BODY_BYTES);
  // Parsed from the bytes already read (and capped), not the request's own stream.
  const form = await new Response(bytes, { headers: { "content-type": type } }).formData().catch(() => {
    throw new AppError("VALIDATION", "the form could not be read");
  });
  return Object.fromEntries([...form.entries()].flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])));
}
