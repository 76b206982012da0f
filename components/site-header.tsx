import { IntentLink } from "./intent-link.tsx";
import { NavLinks } from "./nav-links.tsx";

export function CupIcon({ className = "" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className} fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 13h17v6a8 8 0 0 1-8 8h-1a8 8 0 0 1-8-8v-6Z" />
      <path d="M23 15h2a3.5 3.5 0 0 1 0 7h-2.6" />
      <path d="M11 4.5c-1 1.3 1 2.2 0 3.6M15.5 4.5c-1 1.3 1 2.2 0 3.6M20 4.5c-1 1.3 1 2.2 0 3.6" />
    </svg>
  );
}

export function SiteHeader({ storeName }: { storeName: string }) {
  return (
    // On narrow phones the nav wraps under the name instead of squeezing it; the header
    // only sticks from the sm breakpoint, where it is one short row.
    <header className="border-b border-line bg-bg/90 backdrop-blur supports-[backdrop-filter]:bg-bg/75 sm:sticky sm:top-0 sm:z-30">
      <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center justify-between gap-x-3 px-4 py-1.5 sm:py-0">
        <IntentLink href="/" className="flex min-w-0 items-center gap-2 rounded-lg font-semibold tracking-tight">
          <CupIcon className="size-7 shrink-0 text-accent" />
          <span className="truncate text-lg">{storeName}</span>
        </IntentLink>
        <NavLinks />
      </div>
    </header>
  );
}
