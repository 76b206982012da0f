-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'SCHEDULED';

-- AlterTable
ALTER TABLE "MenuItem" ADD COLUMN     "prepSeconds" INTEGER;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "fireAt" TIMESTAMPTZ(3),
ADD COLUMN     "firedAt" TIMESTAMPTZ(3),
ADD COLUMN     "pickupAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "StoreSettings" ADD COLUMN     "scheduledOrders" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "slotDrinks" INTEGER NOT NULL DEFAULT 12,
ADD COLUMN     "slotDrinksByWeekday" JSONB,
ADD COLUMN     "slotMinutes" INTEGER NOT NULL DEFAULT 15;

-- CreateTable
CREATE TABLE "PausedSlot" (
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "pausedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PausedSlot_pkey" PRIMARY KEY ("startsAt")
);

-- CreateIndex
CREATE INDEX "Order_status_fireAt_idx" ON "Order"("status", "fireAt");

-- CreateIndex
CREATE INDEX "Order_pickupAt_idx" ON "Order"("pickupAt");

ALTER TABLE "StoreSettings" ADD CONSTRAINT "StoreSettings_slotMinutes" CHECK ("slotMinutes" IN (5, 10, 15));
ALTER TABLE "StoreSettings" ADD CONSTRAINT "StoreSettings_slotDrinks" CHECK ("slotDrinks" BETWEEN 1 AND 500);
ALTER TABLE "MenuItem" ADD CONSTRAINT "MenuItem_prepSeconds" CHECK ("prepSeconds" IS NULL OR "prepSeconds" BETWEEN 10 AND 3600);

-- Customers' pickup-time lists and the kitchen's Upcoming strip follow slot pauses like any
-- other store setting (channel 'menu_changed').
CREATE TRIGGER paused_slot_changed AFTER INSERT OR UPDATE OR DELETE ON "PausedSlot"
  FOR EACH STATEMENT EXECUTE FUNCTION brewline_menu_notify();
