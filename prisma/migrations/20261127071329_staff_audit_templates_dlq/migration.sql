-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "orderId" UUID,
    "summary" TEXT NOT NULL,
    "details" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationTemplate" (
    "key" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "NotificationTemplate_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "MessageFailure" (
    "messageId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "receiveCount" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "firstFailedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastFailedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageFailure_pkey" PRIMARY KEY ("messageId")
);

-- CreateTable
CREATE TABLE "DeadLetterMessage" (
    "messageId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receiveCount" INTEGER,
    "sentAt" TIMESTAMPTZ(3),
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redriveRequestedAt" TIMESTAMPTZ(3),
    "redriveRequestedBy" TEXT,
    "redrivenAt" TIMESTAMPTZ(3),
    "goneAt" TIMESTAMPTZ(3),

    CONSTRAINT "DeadLetterMessage_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_orderId_at_idx" ON "AuditLog"("orderId", "at");

-- CreateIndex
CREATE INDEX "DeadLetterMessage_queue_goneAt_idx" ON "DeadLetterMessage"("queue", "goneAt");

-- Every order status change lands in the audit log, whoever made it (customer, worker,
-- kitchen): written by the database so no code path can forget it. Staff actions add
-- their own rows with the staff member as actor.
CREATE OR REPLACE FUNCTION brewline_order_audit() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AuditLog" ("id", "action", "orderId", "summary", "details")
    VALUES (gen_random_uuid(), 'order.status', NEW."id", 'placed (' || NEW."status"::text || ')',
            jsonb_build_object('to', NEW."status"::text, 'ticketNumber', NEW."ticketNumber", 'source', NEW."source"::text));
  ELSIF NEW."status" IS DISTINCT FROM OLD."status" THEN
    INSERT INTO "AuditLog" ("id", "action", "orderId", "summary", "details")
    VALUES (gen_random_uuid(), 'order.status', NEW."id", OLD."status"::text || ' → ' || NEW."status"::text,
            jsonb_build_object('from', OLD."status"::text, 'to', NEW."status"::text, 'ticketNumber', NEW."ticketNumber",
                               'reason', CASE WHEN NEW."status" = 'CANCELLED' THEN NEW."cancelReason" END));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER order_audit AFTER INSERT OR UPDATE OF "status" ON "Order"
  FOR EACH ROW EXECUTE FUNCTION brewline_order_audit();
