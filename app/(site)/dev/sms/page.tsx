import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AutoRefresh } from "../../../../components/auto-refresh.tsx";
import { InboundSmsForm } from "../../../../components/dev/inbound-sms-form.tsx";
import { formatClock } from "../../../../components/format.ts";
import { getConfig } from "../../../../lib/config.ts";
import { listDevSms } from "../../../../lib/dashboard/list-dev-sms.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { listInboundSms } from "../../../../lib/notifications/list-inbound-sms.ts";
import { requireStaffPage } from "../../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dev SMS inbox" };

/** The dev SMS inbox: texts the notifier would have sent, and texts "sent" to the shop with its form (SMS_MODE=inbox only). */
export default async function DevSmsPage() {
  await requireStaffPage("manager", "/dev/sms");
  const config = getConfig();
  if (config.SMS_MODE !== "inbox") notFound();
  const [messages, received] = await Promise.all([listDevSms({ prisma: getPrisma() }), listInboundSms({ prisma: getPrisma() })]);
  return (
    <main className="mx-auto max-w-2xl px-4 pb-16 pt-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Dev SMS inbox</h1>
          <p className="mt-1 text-muted">Texts recorded instead of sent, because SMS_MODE is “inbox”. Newest first.</p>
        </div>
        <AutoRefresh renderedAt={new Date().toISOString()} />
      </div>
      {config.INBOUND_SMS_TOPIC_ARN ? (
        <InboundSmsForm />
      ) : (
        <p className="mt-6 text-sm text-muted">Texts to the shop cannot be tried here: INBOUND_SMS_TOPIC_ARN is not set.</p>
      )}
      {received.length > 0 && (
        <section className="mt-8" aria-labelledby="received-heading">
          <h2 id="received-heading" className="text-lg font-semibold">
            Texts to the shop
          </h2>
          <ol className="mt-3 space-y-3" data-testid="inbound-sms-list">
            {received.map((m) => (
              <li key={m.id} data-testid="inbound-sms" className="rounded-2xl border border-line bg-surface p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-3 text-sm text-muted">
                  <span className="font-mono">from {m.fromNumber}</span>
                  <span>
                    {m.keyword}
                    {m.repliedAt ? " · answered" : ""} · <time dateTime={m.receivedAt}>{formatClock(m.receivedAt, config.STORE_TIMEZONE)}</time>
                  </span>
                </div>
                <p className="ml-auto mt-2 w-fit max-w-full whitespace-pre-wrap break-words rounded-2xl rounded-tr-md bg-surface-2 px-4 py-2.5">{m.body}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
      <h2 className="mt-8 text-lg font-semibold">Texts from the shop</h2>
      {messages.length === 0 ? (
        <p className="mt-3 rounded-2xl border border-dashed border-line p-6 text-center text-muted">
          No texts yet. Place an order with a phone number and mark it ready in the kitchen.
        </p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="dev-sms-list">
          {messages.map((m) => (
            <li key={m.id} data-testid="dev-sms" className="rounded-2xl border border-line bg-surface p-4">
              <div className="flex items-baseline justify-between gap-3 text-sm text-muted">
                <span className="font-mono">{m.to}</span>
                <time dateTime={m.createdAt}>{formatClock(m.createdAt, config.STORE_TIMEZONE)}</time>
              </div>
              <p className="mt-2 w-fit max-w-full whitespace-pre-wrap break-words rounded-2xl rounded-tl-md bg-accent-soft px-4 py-2.5">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
