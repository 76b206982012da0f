"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "Order" },
  { href: "/kds", label: "Kitchen" },
  { href: "/dashboard", label: "Dashboard" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/orders") : pathname.startsWith(href));
  return (
    <nav aria-label="Main">
      <ul className="flex items-center gap-1 text-sm font-medium">
        {links.map((link, i) => (
          <li key={link.href} className="flex items-center">
            {i > 0 && (
              <span aria-hidden="true" className="px-0.5 text-line">
                ·
              </span>
            )}
            <Link
              href={link.href}
              aria-current={isActive(link.href) ? "page" : undefined}
              className="rounded-full px-3 py-2 text-muted transition-colors hover:text-ink aria-[current=page]:bg-accent-soft aria-[current=page]:text-ink"
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
