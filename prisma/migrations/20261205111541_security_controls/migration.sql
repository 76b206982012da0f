-- AlterEnum
ALTER TYPE "NotificationStatus" ADD VALUE 'SKIPPED';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "cancelledAsSpam" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requestHash" TEXT;

-- AlterTable
ALTER TABLE "StoreSettings" ALTER COLUMN "maxOpenOrders" SET DEFAULT 40;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "oneTimePasswordExpiresAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Notification_recipient_createdAt_idx" ON "Notification"("recipient", "createdAt");

-- A store that has not taken an order yet is a new one: it gets the open-orders limit
-- too (the row was inserted by an earlier migration, before the column had a default).
-- A running shop keeps whatever its manager chose.
UPDATE "StoreSettings" SET "maxOpenOrders" = 40
WHERE "id" = 1 AND "maxOpenOrders" IS NULL AND NOT EXISTS (SELECT 1 FROM "Order");
