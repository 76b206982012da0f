import Link from "next/link";
import { CupIcon } from "./site-header.tsx";

export function NotFoundContent() {
  return (
    <main className="mx-auto flex min-h-[70dvh] max-w-md flex-col items-center justify-center px-6 text-center">
      <CupIcon className="size-14 text-accent" />
      <h1 className="mt-4 text-2xl font-semibold tracking-tight">We couldn&apos;t find that</h1>
      <p className="mt-2 text-muted">
        The link may be mistyped, or the order is from another day. If you&apos;re waiting for a drink, ask at the counter — we&apos;ll sort it out.
      </p>
      <Link href="/" className="mt-6 inline-flex min-h-12 items-center rounded-2xl bg-accent px-6 font-semibold text-accent-ink hover:bg-accent-strong">
        Back to the menu
      </Link>
    </main>
  );
}
