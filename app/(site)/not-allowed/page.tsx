import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { SignOutButton } from "../../../components/staff/sign-out-button.tsx";
import { currentStaffSession } from "../../../lib/auth/require-staff.ts";
import { safeNextPath } from "../../../lib/http/safe-next-path.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Not allowed", robots: { index: false } };

/** Where a signed-in staff member lands when their role does not open a page. */
export default async function NotAllowedPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const given = (await searchParams).next;
  const wanted = safeNextPath(Array.isArray(given) ? given[0] : given, "/dashboard");
  const current = await currentStaffSession(await headers());
  return (
    <main className="mx-auto max-w-md px-4 pb-16 pt-10" data-testid="not-allowed">
      <h1 className="text-3xl font-semibold tracking-tight">Managers only</h1>
      <p className="mt-2">
        {current ? `You are signed in as ${current.user.name}, ` : "Your account "}which cannot open <code>{wanted}</code>. Ask a manager, or sign out
        and sign in as one.
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link href="/kds" className="inline-flex min-h-12 items-center rounded-2xl border border-line px-5 font-semibold hover:bg-surface-2">
          Kitchen display
        </Link>
        {current && <SignOutButton className="min-h-12 rounded-2xl bg-accent px-5 font-semibold text-accent-ink hover:bg-accent-strong" label="Sign out" />}
      </div>
    </main>
  );
}
