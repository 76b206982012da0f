import { query } from "./support/db.ts";

// The specs share one shop and place far more orders than anyone makes, so a new
// store's open-orders limit (lib/store/read-store-settings.ts) would refuse them part-way;
// the refusal itself is covered by tests/security and the integration tests.
export default async function globalSetup(): Promise<void> {
  await query(`UPDATE "StoreSettings" SET "maxOpenOrders" = NULL WHERE id = 1`);
}
