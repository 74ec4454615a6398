-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "claimed_at" TIMESTAMP(3),
ADD COLUMN     "claimed_by" TEXT;

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "chain_key_id" TEXT,
ADD COLUMN     "chain_version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "identity_links" (
    "identity_a" TEXT NOT NULL,
    "identity_b" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "identity_links_pkey" PRIMARY KEY ("identity_a","identity_b")
);

-- CreateIndex
CREATE INDEX "identity_links_identity_b_idx" ON "identity_links"("identity_b");

-- CreateIndex
CREATE INDEX "approval_requests_status_decided_at_idx" ON "approval_requests"("status", "decided_at");
