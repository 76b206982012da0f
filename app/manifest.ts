import type { MetadataRoute } from "next";
import { storeDisplayName } from "../lib/store/store-display-name.ts";

// Installable web app: "Add to home screen" from the QR code page opens the menu
// full-screen, with the cafe's colours and icon.
export default function manifest(): MetadataRoute.Manifest {
  const name = storeDisplayName();
  return {
    name,
    short_name: name.length > 12 ? "Brewline" : name,
    description: `Order ahead at ${name} and pick up when it's ready.`,
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f8f3ec",
    theme_color: "#8f4a1f",
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/maskable.svg", sizes: "any", type: "image/svg+xml", purpose: "maskable" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
