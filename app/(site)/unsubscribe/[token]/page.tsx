import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readUnsubscribeToken } from "../../../../lib/consent/unsubscribe-by-token.ts";
import { maskEmail } from "../../../../lib/dashboard/mask.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { storeDisplayName } from "../../../../lib/store/store-display-name.ts";

// Opened from an email's footer (or the List-Unsubscribe URL, which redirects here on
// GET). Opening it changes nothing, as link scanners open every link; the button does, as
// a plain form POST (no script needed) that comes back here once the address is out.

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Unsubscribe",
  // The URL is the customer's unsubscribe capability: not for other sites or search engines.
  referrer: "no-referrer",
  robots: { index: false },
};

export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await readUnsubscribeToken({ prisma: getPrisma(), token });
  if (!found) notFound();
  const store = storeDisplayName();
  // Only enough of the address to recognise it: whoever holds the link may not be its owner.
  const masked = maskEmail(found.recipient);
  return (
    <main className="mx-auto max-w-md px-4 pb-16 pt-10" data-testid="unsubscribe">
      {found.unsubscribed ? (
        <>
          <h1 className="text-3xl font-semibold tracking-tight">Unsubscribed</h1>
          <p className="mt-2" role="status">
            Done: <strong>{masked}</strong> will get no more emails from {store}.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-3xl font-semibold tracking-tight">Unsubscribe</h1>
          <p className="mt-2">
            Stop all emails from {store} to <strong>{masked}</strong>, such as &ldquo;your order is ready&rdquo;.
          </p>
          <form method="post" action={`/api/unsubscribe/${token}`} className="mt-6">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="via" value="page" />
            <button
              type="submit"
              className="inline-flex min-h-12 items-center rounded-2xl bg-accent px-6 font-semibold text-accent-ink hover:bg-accent-strong focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
            >
              Unsubscribe
            </button>
          </form>
          <p className="mt-4 text-sm text-muted">This stops emails only; to stop texts, reply STOP to one of them.</p>
        </>
      )}
    </main>
  );
}
