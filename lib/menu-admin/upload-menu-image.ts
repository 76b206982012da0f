import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { recordStaffAction } from "../audit/record-staff-action.ts";
import { AppError } from "../errors.ts";
import type { MenuAdminContext } from "./menu-admin-context.ts";
import { MAX_IMAGE_BYTES, MENU_IMAGE_URL_PREFIX, sniffImageType } from "./menu-image-files.ts";

/**
 * Stores an uploaded picture on disk and answers with the URL to put in MenuItem.image.
 * Written under a temporary name and renamed, so a reader never sees half a file.
 * (Several web instances need shared storage: S3 is not implemented yet.)
 */
export async function uploadMenuImage(options: Pick<MenuAdminContext, "actor"> & { prisma: MenuAdminContext["prisma"]; dir: string; bytes: Uint8Array }): Promise<{ url: string }> {
  const { bytes, dir } = options;
  if (bytes.byteLength === 0) throw new AppError("VALIDATION", "The file is empty");
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Pictures can be at most 2 MB");
  const ext = sniffImageType(bytes);
  if (!ext) throw new AppError("VALIDATION", "Only PNG, JPEG or WebP pictures can be uploaded");
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}.${ext}`;
  // Uploads live outside the app: nothing here belongs in the build's file trace.
  const file = path.join(/*turbopackIgnore: true*/ dir, name);
  const exists = await stat(file).then(() => true, () => false);
  if (!exists) {
    await mkdir(dir, { recursive: true });
    const temp = path.join(/*turbopackIgnore: true*/ dir, `.${randomUUID()}.tmp`);
    await writeFile(temp, bytes);
    await rename(temp, file);
  }
  const url = `${MENU_IMAGE_URL_PREFIX}${name}`;
  await recordStaffAction({ tx: options.prisma, actor: options.actor, action: "menu.image.upload", summary: `Uploaded a picture (${Math.ceil(bytes.byteLength / 1024)} KB)`, details: { url } });
  return { url };
}
