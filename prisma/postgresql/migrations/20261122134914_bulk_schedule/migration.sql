-- CreateTable
CREATE TABLE "bulk_jobs" (
    "id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "orgs" TEXT NOT NULL,
    "selector" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "requester" TEXT NOT NULL,
    "requester_name" TEXT NOT NULL,
    "reason" TEXT,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "confirmation" TEXT NOT NULL,
    "confirmed_by" TEXT,
    "confirmed_at" TIMESTAMP(3),
    "resume_after_ms" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bulk_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_items" (
    "job_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "org_slug" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "campaign_name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "division_id" TEXT NOT NULL,
    "division_name" TEXT NOT NULL,
    "planned_status" TEXT NOT NULL,
    "genesys_identity" TEXT,
    "approval_id" TEXT,
    "status" TEXT NOT NULL,
    "result" TEXT,
    "detail" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimed_by" TEXT,
    "claimed_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "bulk_items_pkey" PRIMARY KEY ("job_id","seq")
);

-- CreateTable
CREATE TABLE "scheduled_actions" (
    "id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "org_slug" TEXT NOT NULL,
    "targets" TEXT NOT NULL,
    "requester" TEXT NOT NULL,
    "requester_name" TEXT NOT NULL,
    "reason" TEXT,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "claimed_by" TEXT,
    "claimed_at" TIMESTAMP(3),
    "result" TEXT,
    "bulk_job_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "scheduled_actions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bulk_jobs_requester_fingerprint_created_at_idx" ON "bulk_jobs"("requester", "fingerprint", "created_at");

-- CreateIndex
CREATE INDEX "bulk_items_approval_id_idx" ON "bulk_items"("approval_id");

-- CreateIndex
CREATE INDEX "scheduled_actions_status_due_at_idx" ON "scheduled_actions"("status", "due_at");

-- CreateIndex
CREATE INDEX "scheduled_actions_org_slug_status_idx" ON "scheduled_actions"("org_slug", "status");

-- AddForeignKey
ALTER TABLE "bulk_items" ADD CONSTRAINT "bulk_items_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "bulk_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
