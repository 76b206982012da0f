"use client";

import { usePathname } from "next/navigation";
import { IntentLink } from "./intent-link.tsx";

const links = [
  { href: "/", label: "Order" },
  { href: "/my-orders", label: "My orders" },
  { href: "/kds", label: "Kitchen" },
  { href: "/dashboard", label: "Dashboard" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/orders") : pathname.startsWith(href));
  return (
    <nav aria-label="Main" className="-mx-3 sm:mx-0">
      <ul className="flex items-center gap-0.5 text-sm font-medium sm:gap-1">
        {links.map((link, i) => (
          <li key={link.href} className="flex items-center">
            {i > 0 && (
              <span aria-hidden="true" className="hidden px-0.5 text-line sm:inline">
                ·
              </span>
            )}
            {/* Prefetched on intent, not on sight: see IntentLink. */}
            <IntentLink
              href={link.href}
              aria-current={isActive(link.href) ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded-full px-3 text-muted transition-colors hover:text-ink aria-[current=page]:bg-accent-soft aria-[current=page]:text-ink"
            >
              {link.label}
            </IntentLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
