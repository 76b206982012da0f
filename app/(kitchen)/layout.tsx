import type { ReactNode } from "react";

// The kitchen display and the order board are always dark: one sits on a bright counter
// all day, the other is a TV across the room. Neither has the site's navigation: each
// screen fills its display.
export default function KitchenLayout({ children }: { children: ReactNode }) {
  return <div className="theme-dark min-h-dvh bg-bg text-ink">{children}</div>;
}
