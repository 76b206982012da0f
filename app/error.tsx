"use client";

// Shown when a page fails to render (most often: the database is unreachable). The
// message stays generic; the details are in the server log under the digest.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[70dvh] max-w-md flex-col items-center justify-center px-6 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">We can&apos;t take orders for a moment</h1>
      <p className="mt-2 text-muted">Something on our side is not answering. Please try again in a few seconds.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 inline-flex min-h-12 items-center rounded-2xl bg-accent px-6 font-semibold text-accent-ink hover:bg-accent-strong"
      >
        Try again
      </button>
      {error.digest && <p className="mt-4 text-xs text-muted">Reference {error.digest}</p>}
    </main>
  );
}
