import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { isAppError } from "../../lib/errors.ts";
import type { Payments } from "../../lib/payments/payments-of-config.ts";
import { receivePaymentWebhook } from "../../lib/payments/receive-payment-webhook.ts";
import type { TestStack } from "./test-stack.ts";

/**
 * The app's webhook use case behind a real HTTP endpoint (what app/api/payments/stripe/webhook
 * does, without Next.js), for the Stripe stand-in to deliver signed events to. Each answered
 * outcome is kept, in order.
 */
export async function startPaymentWebhookEndpoint(stack: Pick<TestStack, "prisma" | "transport">, payments: Payments): Promise<{ url: string; outcomes: string[]; close: () => Promise<void> }> {
  const outcomes: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const signature = (req.headers["stripe-signature"] as string | undefined) ?? null;
      receivePaymentWebhook({ prisma: stack.prisma, transport: stack.transport, payments, rawBody: Buffer.concat(chunks).toString("utf8"), signature }).then(
        ({ outcome }) => {
          outcomes.push(outcome);
          res.writeHead(200).end(JSON.stringify({ outcome }));
        },
        (error: unknown) => res.writeHead(isAppError(error) ? error.status : 500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    outcomes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
