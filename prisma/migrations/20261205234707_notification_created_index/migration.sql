-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");
