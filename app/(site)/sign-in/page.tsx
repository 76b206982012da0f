import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "../../../components/staff/sign-in-form.tsx";
import { currentStaffSession } from "../../../lib/auth/require-staff.ts";
import { safeNextPath } from "../../../lib/http/safe-next-path.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Staff sign-in", robots: { index: false } };

/** Staff only; customers never sign in. `?next=` is where to go afterwards (same site only). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const given = (await searchParams).next;
  const next = safeNextPath(Array.isArray(given) ? given[0] : given);
  const current = await currentStaffSession(await headers());
  const mustChange = !!current?.user.mustChangePassword && !current.session.pinSwitched;
  if (current && !mustChange) redirect(next);
  return (
    <main className="mx-auto max-w-sm px-4 pb-16 pt-10">
      <h1 className="text-3xl font-semibold tracking-tight">Staff sign-in</h1>
      <p className="mt-1 text-muted">For the kitchen display and the dashboard. Customers don&apos;t need an account.</p>
      <SignInForm next={next} mustChange={mustChange} email={current?.user.email} />
    </main>
  );
}
