import { getConfig } from "../../../../lib/config.ts";
import { handleRoute } from "../../../../lib/http/handle-route.ts";
import { menuImageDir } from "../../../../lib/menu-admin/menu-image-files.ts";
import { readMenuImage } from "../../../../lib/menu-admin/read-menu-image.ts";

export const runtime = "nodejs";

/**
 * An uploaded menu picture (public: customers see it). Names are content hashes, so a
 * file never changes: cached for a year. nosniff and a no-script policy keep a file
 * from ever being run as a page.
 */
export const GET = handleRoute(async (_request, context: { params: Promise<{ name: string }> }) => {
  const { name } = await context.params;
  const image = await readMenuImage({ dir: menuImageDir(getConfig().BREWLINE_DATA_DIR), name });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
