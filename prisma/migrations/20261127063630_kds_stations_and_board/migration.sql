-- CreateEnum
CREATE TYPE "OrderSource" AS ENUM ('ONLINE', 'WALK_UP');

-- AlterTable
ALTER TABLE "MenuCategory" ADD COLUMN     "station" TEXT;

-- AlterTable
ALTER TABLE "Modifier" ADD COLUMN     "dietaryFlag" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "cancelledBy" TEXT,
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "prioritizedAt" TIMESTAMPTZ(3),
ADD COLUMN     "recalledAt" TIMESTAMPTZ(3),
ADD COLUMN     "source" "OrderSource" NOT NULL DEFAULT 'ONLINE';

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN     "doneAt" TIMESTAMPTZ(3),
ADD COLUMN     "station" TEXT;

-- AlterTable
ALTER TABLE "StoreSettings" ADD COLUMN     "boardReadySeconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN     "kdsLateAfterSeconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN     "kdsWarnAfterSeconds" INTEGER NOT NULL DEFAULT 180;

-- CreateIndex
CREATE INDEX "Order_status_readyAt_idx" ON "Order"("status", "readyAt");

-- CreateIndex
CREATE INDEX "OrderItem_orderId_idx" ON "OrderItem"("orderId");

-- The starter menu's stations and dietary flags (lib/menu/cafe-menu.ts). The seed only
-- runs on an empty menu, so shops that already have it get them here.
UPDATE "MenuCategory" SET "station" = 'Espresso bar' WHERE "id" IN ('espresso', 'not-coffee');
UPDATE "MenuCategory" SET "station" = 'Brew bar' WHERE "id" = 'brewed';
UPDATE "Modifier" SET "dietaryFlag" = 'Non-dairy' WHERE "id" IN ('milk-oat', 'milk-soy');
UPDATE "Modifier" SET "dietaryFlag" = 'Non-dairy, tree nut' WHERE "id" = 'milk-almond';
UPDATE "Modifier" SET "dietaryFlag" = 'Tree nut' WHERE "id" = 'syrup-hazelnut';
UPDATE "Modifier" SET "dietaryFlag" = 'Sugar-free' WHERE "id" = 'syrup-sf-vanilla';
UPDATE "Modifier" SET "dietaryFlag" = 'Decaf' WHERE "id" = 'shot-decaf';

-- Tickets still open when this runs are routed like new ones.
UPDATE "OrderItem" i SET "station" = c."station"
FROM "MenuItem" m JOIN "MenuCategory" c ON c."id" = m."categoryId", "Order" o
WHERE m."id" = i."menuItemId" AND o."id" = i."orderId" AND o."status" IN ('PLACED', 'QUEUED', 'IN_PROGRESS');

-- Stations live on categories: a change must reach open kitchen screens (and menus) too.
CREATE TRIGGER menu_category_changed AFTER INSERT OR UPDATE OR DELETE ON "MenuCategory"
  FOR EACH STATEMENT EXECUTE FUNCTION brewline_menu_notify();
