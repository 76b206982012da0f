import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors.ts";
import { IMAGE_FILE_NAME, IMAGE_TYPES, type ImageExtension } from "./menu-image-files.ts";

/** An uploaded picture by its content-hash name; anything else is NOT_FOUND (never a path). */
export async function readMenuImage(options: { dir: string; name: string }): Promise<{ bytes: Buffer; contentType: string }> {
  if (!IMAGE_FILE_NAME.test(options.name)) throw new AppError("NOT_FOUND", "No such picture");
  const ext = options.name.split(".")[1] as ImageExtension;
  try {
    return { bytes: await readFile(path.join(/*turbopackIgnore: true*/ options.dir, options.name)), contentType: IMAGE_TYPES[ext] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new AppError("NOT_FOUND", "No such picture");
    throw error;
  }
}
