-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN "claimed_at" DATETIME;
ALTER TABLE "approval_requests" ADD COLUMN "claimed_by" TEXT;

-- CreateTable
CREATE TABLE "identity_links" (
    "identity_a" TEXT NOT NULL,
    "identity_b" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,

    PRIMARY KEY ("identity_a", "identity_b")
);

-- AlterTable (plain ADD COLUMN: the audit log is never copied or rebuilt)
ALTER TABLE "audit_events" ADD COLUMN "chain_version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "audit_events" ADD COLUMN "chain_key_id" TEXT;

-- CreateIndex
CREATE INDEX "identity_links_identity_b_idx" ON "identity_links"("identity_b");

-- CreateIndex
CREATE INDEX "approval_requests_status_decided_at_idx" ON "approval_requests"("status", "decided_at");
