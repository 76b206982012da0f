import { describe, expect, it, vi } from "vitest";
import { PaymentDeclinedError, type OnlinePaymentProvider, type RefundResult } from "./payment-provider.ts";
import { NO_PAYMENT_RECORDED, PAYMENTS_SWITCHED_OFF, refundIdempotencyKey, refundOrder } from "./refund-order.ts";

// The decisions of refundOrder, against a recorded statement and a scripted provider: what is
// asked of the provider, and which settlement is written. The SQL itself runs against Postgres
// in tests/integration/refunds.test.ts.

const orderId = "6f1c1f57-3a55-4c8e-9a53-0a4e0d0c7e11";
const outboxId = "0b8d0d0e-2d7c-4e8b-8a55-6a0f1f9d2c33";

type RefundRow = { amountCents: number; status: "PENDING" | "SUCCEEDED" | "FAILED"; attempt: number; paymentId?: string | null };

function fakePrisma(row: RefundRow | null) {
  const statements: unknown[][] = [];
  const prisma = {
    refund: {
      findUnique: vi.fn(async () =>
        row && {
          amountCents: row.amountCents,
          status: row.status,
          attempt: row.attempt,
          order: { currency: "EUR", payment: row.paymentId === null ? null : { providerPaymentId: row.paymentId ?? "pi_123" } },
        },
      ),
    },
    $queryRaw: vi.fn(async (_strings: TemplateStringsArray, ...values: unknown[]) => {
      statements.push(values);
      return [{ changed: true }];
    }),
  };
  /** The settlement's values as bound in the one statement (the Prisma.Sql fragments flattened). */
  const bound = () => statements.map((values) => values.flatMap((v) => (v && typeof v === "object" && "values" in v ? (v as { values: unknown[] }).values : [v])));
  return { prisma: prisma as never, statements, bound };
}

function fakeProvider(answer: () => Promise<RefundResult>) {
  const refund = vi.fn(answer);
  return { payments: { online: { refund } as unknown as OnlinePaymentProvider }, refund };
}

const pending: RefundRow = { amountCents: 450, status: "PENDING", attempt: 1 };

describe("refundOrder", () => {
  it("refunds the row's amount against the payment with the order-and-attempt key, and records SUCCEEDED", async () => {
    const db = fakePrisma({ ...pending, attempt: 2 });
    const provider = fakeProvider(async () => ({ id: "re_1", status: "succeeded", failureReason: null }));
    expect(await refundOrder({ prisma: db.prisma, payments: provider.payments, orderId, attempt: 2, outboxId })).toEqual({ outcome: "refunded" });
    expect(provider.refund).toHaveBeenCalledExactlyOnceWith({ paymentId: "pi_123", amount: 450, orderId, idempotencyKey: `brewline-refund-${orderId}-2` });
    expect(db.statements).toHaveLength(1);
    const values = db.bound()[0]!;
    expect(values).toContain("re_1");
    expect(values).toContain(outboxId);
    expect(values).toContain("Refunded 4.50 EUR to the customer (re_1)");
  });

  it("counts a refund the provider is still processing as made", async () => {
    const db = fakePrisma(pending);
    const provider = fakeProvider(async () => ({ id: "re_2", status: "pending", failureReason: null }));
    expect(await refundOrder({ prisma: db.prisma, payments: provider.payments, orderId, attempt: 1 })).toEqual({ outcome: "refunded" });
  });

  it("records a refusal as FAILED with the provider's reason and does not throw (no redelivery loop)", async () => {
    const db = fakePrisma(pending);
    const provider = fakeProvider(async () => {
      throw new PaymentDeclinedError("Charge ch_1 has been disputed.", "charge_disputed");
    });
    expect(await refundOrder({ prisma: db.prisma, payments: provider.payments, orderId, attempt: 1, outboxId })).toEqual({ outcome: "failed" });
    expect(db.bound()[0]).toContain("The payment provider refused the refund: Charge ch_1 has been disputed.");
  });

  it("records a refund the provider answers as failed", async () => {
    const db = fakePrisma(pending);
    const provider = fakeProvider(async () => ({ id: "re_3", status: "failed", failureReason: "expired_or_canceled_card" }));
    expect(await refundOrder({ prisma: db.prisma, payments: provider.payments, orderId, attempt: 1 })).toEqual({ outcome: "failed" });
    expect(db.bound()[0]).toContain("The payment provider could not refund it (expired_or_canceled_card)");
  });

  it("throws what may pass on a retry and writes nothing, so the queue redelivers", async () => {
    const db = fakePrisma(pending);
    const provider = fakeProvider(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:12111");
    });
    await expect(refundOrder({ prisma: db.prisma, payments: provider.payments, orderId, attempt: 1, outboxId })).rejects.toThrow("ECONNREFUSED");
    expect(db.statements).toHaveLength(0);
  });

  it("fails without asking anyone when online payments are off, or no payment is recorded", async () => {
    const off = fakePrisma(pending);
    expect(await refundOrder({ prisma: off.prisma, payments: { online: null }, orderId, attempt: 1 })).toEqual({ outcome: "failed" });
    expect(off.bound()[0]).toContain(PAYMENTS_SWITCHED_OFF);

    const unpaid = fakePrisma({ ...pending, paymentId: null });
    const provider = fakeProvider(async () => ({ id: "re_4", status: "succeeded", failureReason: null }));
    expect(await refundOrder({ prisma: unpaid.prisma, payments: provider.payments, orderId, attempt: 1 })).toEqual({ outcome: "failed" });
    expect(unpaid.bound()[0]).toContain(NO_PAYMENT_RECORDED);
    expect(provider.refund).not.toHaveBeenCalled();
  });

  it.each([
    ["no Refund row", null, 1],
    ["already refunded", { ...pending, status: "SUCCEEDED" }, 1],
    ["failed for this attempt", { ...pending, status: "FAILED" }, 1],
    ["a message of an earlier attempt", { ...pending, attempt: 2 }, 1],
  ] as const)("does nothing for %s but mark the message processed", async (_what, row, attempt) => {
    const db = fakePrisma(row);
    const provider = fakeProvider(async () => ({ id: "re_5", status: "succeeded", failureReason: null }));
    expect(await refundOrder({ prisma: db.prisma, payments: provider.payments, orderId, attempt, outboxId })).toEqual({ outcome: "nothing-to-do" });
    expect(provider.refund).not.toHaveBeenCalled();
    expect(db.statements).toHaveLength(1);
    expect(db.bound()[0]).toContain(outboxId);
    expect(db.bound()[0]).not.toContain("re_5");

    // Without a message of its own to mark, it touches nothing.
    const quiet = fakePrisma(row);
    await refundOrder({ prisma: quiet.prisma, payments: provider.payments, orderId, attempt });
    expect(quiet.statements).toHaveLength(0);
  });

  it("keys one provider request per order and attempt", () => {
    expect(refundIdempotencyKey(orderId, 1)).toBe(`brewline-refund-${orderId}-1`);
    expect(refundIdempotencyKey(orderId, 1)).not.toBe(refundIdempotencyKey(orderId, 2));
  });
});
