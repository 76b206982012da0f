import path from "node:path";

// Uploaded menu pictures: PNG, JPEG or WebP only (recognised by their first bytes, not
// by what the browser claims), at most 2 MB, named by their content's hash so a name
// can never reach outside the folder and a file never changes under its URL. SVG is
// refused: it can carry scripts, and sanitising it is not worth it for a photo.

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const IMAGE_TYPES = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" } as const;
export type ImageExtension = keyof typeof IMAGE_TYPES;

export const IMAGE_FILE_NAME = /^[a-f0-9]{32}\.(png|jpg|webp)$/;
export const MENU_IMAGE_URL_PREFIX = "/api/menu-images/";

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** The image's real type from its magic bytes; null for anything else (SVG, HTML, GIF…). */
export function sniffImageType(bytes: Uint8Array): ImageExtension | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

/** Where uploads live in embedded mode: <data folder>/menu-images. */
export const menuImageDir = (dataDir: string) => path.resolve(/*turbopackIgnore: true*/ dataDir, "menu-images");
