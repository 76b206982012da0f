"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SignOutButton } from "../staff/sign-out-button.tsx";

const TABS = [
  { href: "/dashboard", label: "Today" },
  { href: "/dashboard/slots", label: "Slots" },
  { href: "/dashboard/pipeline", label: "Pipeline" },
  { href: "/dashboard/audit", label: "Audit log" },
  { href: "/dashboard/menu", label: "Menu" },
  { href: "/dashboard/store", label: "Store" },
  { href: "/dashboard/templates", label: "Messages" },
] as const;

export function DashboardNav() {
  const path = usePathname();
  const current = (href: string) => (href === "/dashboard" ? path === href : path === href || path.startsWith(`${href}/`));
  return (
    <nav aria-label="Dashboard" className="border-b border-line">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-4">
      <ul className="flex flex-1 gap-1 overflow-x-auto">
        {TABS.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={current(tab.href) ? "page" : undefined}
              className="inline-flex min-h-11 items-center whitespace-nowrap border-b-2 border-transparent px-3 text-sm font-medium text-muted hover:text-ink aria-[current=page]:border-accent aria-[current=page]:text-ink"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
      <SignOutButton className="min-h-11 shrink-0 rounded-lg px-3 text-sm font-medium text-muted hover:text-ink" />
      </div>
    </nav>
  );
}
