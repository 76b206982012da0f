import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "../../../components/staff/sign-in-form.tsx";
import { currentStaffSession } from "../../../lib/auth/require-staff.ts";
import { getConfig } from "../../../lib/config.ts";
import { allowedOrigins, requestOrigin } from "../../../lib/http/allowed-origins.ts";
import type { ShopOrigins } from "../../../lib/http/origin-advice.ts";
import { safeNextPath } from "../../../lib/http/safe-next-path.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Staff sign-in", robots: { index: false } };

/** Staff only; customers never sign in. `?next=` is where to go afterwards (same site only). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const given = (await searchParams).next;
  const next = safeNextPath(Array.isArray(given) ? given[0] : given);
  const requestHeaders = await headers();
  const current = await currentStaffSession(requestHeaders);
  const mustChange = !!current?.user.mustChangePassword && !current.session.pinSwitched;
  if (current && !mustChange) redirect(next);
  // Opened at an address whose sign-in will be refused (a tablet on the LAN address of a
  // shop whose PUBLIC_BASE_URL is pinned elsewhere): say so before anyone types a password.
  const config = getConfig();
  const origins: ShopOrigins = { shop: new URL(config.PUBLIC_BASE_URL).origin, accepted: allowedOrigins(config), lan: config.STAFF_ORIGINS_INCLUDE_LAN };
  const here = requestOrigin(requestHeaders, config.TRUSTED_PROXY_HOPS);
  const refusedAt = here && !origins.accepted.includes(here) ? here : null;
  return (
    <main className="mx-auto max-w-sm px-4 pb-16 pt-10">
      <h1 className="text-3xl font-semibold tracking-tight">Staff sign-in</h1>
      <p className="mt-1 text-muted">For the kitchen display and the dashboard. Customers don&apos;t need an account.</p>
      <SignInForm next={next} mustChange={mustChange} email={current?.user.email} origins={origins} refusedAt={refusedAt} />
    </main>
  );
}
