import type { ReactNode } from "react";
import { RegisterServiceWorker } from "../../components/pwa/register-service-worker.tsx";
import { SiteHeader } from "../../components/site-header.tsx";
import { storeDisplayName } from "../../lib/store/store-display-name.ts";

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader storeName={storeDisplayName()} />
      {children}
      <RegisterServiceWorker />
    </>
  );
}
