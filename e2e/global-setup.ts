import { waitForHttp } from "../scripts/stack/wait-for.ts";
import { query } from "./support/db.ts";
import { PAYMENT_STACK_NAMES, paymentStack } from "./support/payments-stack.ts";
import { queryOn } from "./support/stack-db.ts";

// The specs share one shop and place far more orders than anyone makes, so a new
// store's open-orders limit (lib/store/read-store-settings.ts) would refuse them part-way;
// the refusal itself is covered by tests/security and the integration tests.
// The payments shops get their tax the way a manager sets it (VAT inside the prices, or
// sales tax added).
export async function setUpMainShop(): Promise<void> {
  await query(`UPDATE "StoreSettings" SET "maxOpenOrders" = NULL WHERE id = 1`);
}

export default async function globalSetup(): Promise<void> {
  await setUpMainShop();
  for (const name of PAYMENT_STACK_NAMES) {
    const stack = paymentStack(name);
    // Playwright only started this shop (playwright.config.ts): it started with the main
    // one, which answers by now, and must answer before any spec runs.
    await waitForHttp(`${stack.baseUrl}/api/health`, { timeoutMs: 180_000, intervalMs: 250 });
    await queryOn(
      stack.databaseUrl,
      `INSERT INTO "StoreSettings" (id, "maxOpenOrders", "pricesIncludeTax", "taxRateBasisPoints", "updatedAt") VALUES (1, NULL, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET "maxOpenOrders" = NULL, "pricesIncludeTax" = EXCLUDED."pricesIncludeTax", "taxRateBasisPoints" = EXCLUDED."taxRateBasisPoints", "updatedAt" = now()`,
      [stack.pricesIncludeTax, stack.taxRateBasisPoints],
    );
  }
}
