import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import type { ReactNode } from "react";
import { MONEY_META_NAME, storeMoney } from "../components/format.ts";
import { storeDisplayName } from "../lib/store/store-display-name.ts";
import "./globals.css";

// Served from the installed @fontsource package: no request to Google Fonts at build
// or at runtime.
const inter = localFont({
  // The Latin subset (U+0000-00FF and punctuation) covers the menu, "Caffè" included.
  // Other subsets would need unicode-range rules that next/font/local cannot express.
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  variable: "--font-inter",
  display: "swap",
});

export function generateMetadata(): Metadata {
  const name = storeDisplayName();
  return {
    title: { default: name, template: `%s · ${name}` },
    description: `Order ahead at ${name} and pick up when it's ready.`,
    robots: { index: false, follow: false },
    // Home-screen icon and title on iOS, which ignores most of the web manifest.
    icons: { apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, title: name, statusBarStyle: "default" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8f3ec" },
    { media: "(prefers-color-scheme: dark)", color: "#15100d" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <head>
        <meta name={MONEY_META_NAME} content={JSON.stringify(storeMoney())} />
      </head>
      <body className="min-h-dvh bg-bg font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
