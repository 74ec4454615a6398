-- CreateTable
CREATE TABLE "audit_reconciliations" (
    "intent_id" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "claimed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "audit_reconciliations_pkey" PRIMARY KEY ("intent_id")
);
