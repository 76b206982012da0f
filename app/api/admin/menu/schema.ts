import { z } from "zod";
import { menuIdSchema } from "../../../../lib/menu-admin/menu-input.ts";

export type IdContext = { params: Promise<{ id: string }> };

export const idParamsSchema = z.object({ id: menuIdSchema });

/** Upload: the picture's bytes as the body, with its own type (multipart is not needed for one file). */
export const imageContentTypeSchema = z.enum(["image/png", "image/jpeg", "image/webp"], {
  error: "send a PNG, JPEG or WebP picture with its Content-Type",
});
