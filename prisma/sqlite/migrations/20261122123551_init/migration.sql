-- CreateTable
CREATE TABLE "linked_orgs" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "genesys_org_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "secret_ciphertext" TEXT NOT NULL,
    "secret_nonce" TEXT NOT NULL,
    "secret_tag" TEXT NOT NULL,
    "secret_key_id" TEXT NOT NULL,
    "health" TEXT NOT NULL DEFAULT 'unknown',
    "health_reason" TEXT,
    "health_checked_at" DATETIME,
    "linked_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "identity_mappings" (
    "chat_identity" TEXT NOT NULL,
    "org_slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "genesys_user_id" TEXT,
    "genesys_email" TEXT,
    "genesys_role_name" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,

    PRIMARY KEY ("chat_identity", "org_slug")
);

-- CreateTable
CREATE TABLE "audit_events" (
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
    "hash" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "identity_mappings_org_slug_idx" ON "identity_mappings"("org_slug");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events"("seq");

-- CreateIndex
CREATE INDEX "audit_events_org_slug_seq_idx" ON "audit_events"("org_slug", "seq");

-- CreateIndex
CREATE INDEX "audit_events_target_seq_idx" ON "audit_events"("target", "seq");

-- CreateIndex
CREATE INDEX "audit_events_actor_seq_idx" ON "audit_events"("actor", "seq");
