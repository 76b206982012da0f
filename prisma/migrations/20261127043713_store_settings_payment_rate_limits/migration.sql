-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('PAY_AT_PICKUP');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('UNPAID', 'PAID', 'REFUNDED');

-- AlterTable
ALTER TABLE "MenuItem" ADD COLUMN     "image" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "paymentMethod" "PaymentMethod" NOT NULL DEFAULT 'PAY_AT_PICKUP',
ADD COLUMN     "paymentStatus" "PaymentStatus" NOT NULL DEFAULT 'UNPAID',
ADD COLUMN     "subtotalCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "taxCents" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "StoreSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "acceptingOrders" BOOLEAN NOT NULL DEFAULT true,
    "openingHours" JSONB,
    "pausedUntil" TIMESTAMPTZ(3),
    "maxOpenOrders" INTEGER,
    "taxRateBasisPoints" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StoreSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "RateLimitHit_windowStart_idx" ON "RateLimitHit"("windowStart");

-- Orders placed before tax existed: their total was the subtotal.
UPDATE "Order" SET "subtotalCents" = "totalCents";

-- One settings row for the store; the check keeps it that way.
ALTER TABLE "StoreSettings" ADD CONSTRAINT "StoreSettings_singleton" CHECK ("id" = 1);
INSERT INTO "StoreSettings" ("id", "updatedAt") VALUES (1, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING;

-- Live updates for the customer's menu page: a change to availability, prices or the
-- store's settings is announced on channel 'menu_changed' (payload: the table), and web
-- instances push it to browsers over server-sent events.
CREATE OR REPLACE FUNCTION brewline_menu_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('menu_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER menu_item_changed AFTER INSERT OR UPDATE OR DELETE ON "MenuItem"
  FOR EACH STATEMENT EXECUTE FUNCTION brewline_menu_notify();
CREATE TRIGGER modifier_changed AFTER INSERT OR UPDATE OR DELETE ON "Modifier"
  FOR EACH STATEMENT EXECUTE FUNCTION brewline_menu_notify();
CREATE TRIGGER store_settings_changed AFTER INSERT OR UPDATE ON "StoreSettings"
  FOR EACH STATEMENT EXECUTE FUNCTION brewline_menu_notify();
