import type { ReactNode } from "react";
import { SiteHeader } from "../../components/site-header.tsx";
import { storeName } from "../../lib/http/store.ts";

// The kitchen display is always dark: it sits on a bright counter all day.
export default function KitchenLayout({ children }: { children: ReactNode }) {
  return (
    <div className="theme-dark min-h-dvh bg-bg text-ink">
      <SiteHeader storeName={storeName()} />
      {children}
    </div>
  );
}
