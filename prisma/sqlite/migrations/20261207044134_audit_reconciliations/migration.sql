-- CreateTable
CREATE TABLE "audit_reconciliations" (
    "intent_id" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "claimed_at" DATETIME NOT NULL
);
