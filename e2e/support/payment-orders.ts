import type { PaymentStack } from "./payments-stack.ts";
import { queryOn } from "./stack-db.ts";

// An order of a payments shop as its database has it, found by the customer's name (each
// spec's names are unique), with its online payment: for checks the page cannot show.

export type PaymentOrder = {
  id: string;
  publicToken: string;
  ticketNumber: number;
  status: string;
  paymentStatus: string;
  totalCents: number;
  tipCents: number;
  checkoutSessionId: string | null;
  providerPaymentId: string | null;
};

export async function orderNamed(stack: PaymentStack, customerName: string): Promise<PaymentOrder | undefined> {
  const [row] = await queryOn<PaymentOrder>(
    stack.databaseUrl,
    `SELECT o.id, o."publicToken", o."ticketNumber", o.status::text AS status, o."paymentStatus"::text AS "paymentStatus",
            o."totalCents", o."tipCents", p."checkoutSessionId", p."providerPaymentId"
       FROM "Order" o LEFT JOIN "Payment" p ON p."orderId" = o.id
      WHERE o."customerName" = $1`,
    [customerName],
  );
  return row;
}
