import { NotFoundContent } from "../components/not-found-content.tsx";
import { SiteHeader } from "../components/site-header.tsx";
import { storeDisplayName } from "../lib/store/store-display-name.ts";

// For URLs that match no route: rendered in the root layout, so it brings its own header.
export default function NotFound() {
  return (
    <>
      <SiteHeader storeName={storeDisplayName()} />
      <NotFoundContent />
    </>
  );
}
