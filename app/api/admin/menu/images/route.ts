import { getConfig } from "../../../../../lib/config.ts";
import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { jsonResponse, readBodyBytes } from "../../../../../lib/http/handle-route.ts";
import { MAX_IMAGE_BYTES, menuImageDir } from "../../../../../lib/menu-admin/menu-image-files.ts";
import { uploadMenuImage } from "../../../../../lib/menu-admin/upload-menu-image.ts";
import { managerRoute } from "../../manager-route.ts";
import { imageContentTypeSchema } from "../schema.ts";

export const dynamic = "force-dynamic";

/**
 * A picture for a menu item as the raw body (Content-Type image/png, image/jpeg or
 * image/webp, at most 2 MB; the bytes must match). Answers 201 `{ url }` for MenuItem.image.
 */
export const POST = managerRoute(async (request, actor) => {
  imageContentTypeSchema.parse((request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase());
  const bytes = await readBodyBytes(request, MAX_IMAGE_BYTES);
  const result = await uploadMenuImage({ prisma: getPrisma(), actor, dir: menuImageDir(getConfig().BREWLINE_DATA_DIR), bytes });
  return jsonResponse(result, { status: 201 });
}, { maxBodyBytes: MAX_IMAGE_BYTES });
