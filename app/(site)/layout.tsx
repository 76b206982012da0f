import type { ReactNode } from "react";
import { RegisterServiceWorker } from "../../components/pwa/register-service-worker.tsx";
import { SiteHeader } from "../../components/site-header.tsx";
import { storeName } from "../../lib/http/store.ts";

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader storeName={storeName()} />
      {children}
      <RegisterServiceWorker />
    </>
  );
}
