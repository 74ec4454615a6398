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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_audit_events" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "genesys_identity" TEXT,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "org_slug" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "target_name" TEXT,
    "reason" TEXT,
    "outcome" TEXT NOT NULL,
    "intent_id" TEXT,
    "context_id" TEXT,
    "correlation_id" TEXT,
    "duration_ms" INTEGER,
    "detail" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "chain_version" INTEGER NOT NULL DEFAULT 1,
    "chain_key_id" TEXT
);
INSERT INTO "new_audit_events" ("action", "actor", "at", "channel", "context_id", "correlation_id", "detail", "duration_ms", "genesys_identity", "hash", "id", "intent_id", "org_slug", "outcome", "platform", "prev_hash", "reason", "seq", "target", "target_name") SELECT "action", "actor", "at", "channel", "context_id", "correlation_id", "detail", "duration_ms", "genesys_identity", "hash", "id", "intent_id", "org_slug", "outcome", "platform", "prev_hash", "reason", "seq", "target", "target_name" FROM "audit_events";
DROP TABLE "audit_events";
ALTER TABLE "new_audit_events" RENAME TO "audit_events";
CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events"("seq");
CREATE INDEX "audit_events_org_slug_seq_idx" ON "audit_events"("org_slug", "seq");
CREATE INDEX "audit_events_target_seq_idx" ON "audit_events"("target", "seq");
CREATE INDEX "audit_events_actor_seq_idx" ON "audit_events"("actor", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "identity_links_identity_b_idx" ON "identity_links"("identity_b");

-- CreateIndex
CREATE INDEX "approval_requests_status_decided_at_idx" ON "approval_requests"("status", "decided_at");
