import { describe, expect, it } from "vitest";
import { IMAGE_FILE_NAME, sniffImageType } from "./menu-image-files.ts";
import { MENU_IMAGE_URL } from "./menu-input.ts";

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0, 0, 0, 0, 0]);

describe("sniffImageType", () => {
  it("knows PNG, JPEG and WebP by their first bytes", () => {
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("png");
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpg");
    expect(sniffImageType(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50))).toBe("webp");
  });

  it("refuses SVG, HTML, GIF and anything else, whatever it is called", () => {
    for (const text of ["<svg xmlns='http://www.w3.org/2000/svg'/>", "<html><script>", "GIF89a"]) {
      expect(sniffImageType(new TextEncoder().encode(text)), text).toBeNull();
    }
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});

describe("image names and URLs", () => {
  it("take only content-hash names, never a path", () => {
    expect(IMAGE_FILE_NAME.test(`${"a".repeat(32)}.png`)).toBe(true);
    for (const bad of ["../x.png", `${"a".repeat(32)}.svg`, `${"A".repeat(32)}.png`, `${"a".repeat(32)}.png/..`]) expect(IMAGE_FILE_NAME.test(bad), bad).toBe(false);
    expect(MENU_IMAGE_URL.test(`/api/menu-images/${"0".repeat(32)}.webp`)).toBe(true);
    expect(MENU_IMAGE_URL.test("/menu/latte.svg")).toBe(true);
    for (const bad of ["https://evil.example/x.png", "/menu/../secret.svg", "javascript:alert(1)", "/api/menu-images/x.png"]) expect(MENU_IMAGE_URL.test(bad), bad).toBe(false);
  });
});
