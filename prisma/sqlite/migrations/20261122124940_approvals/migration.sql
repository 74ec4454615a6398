-- CreateTable
CREATE TABLE "approval_requests" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "org_slug" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targets" TEXT NOT NULL,
    "requester" TEXT NOT NULL,
    "requester_name" TEXT NOT NULL,
    "reason" TEXT,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "approvers_required" INTEGER NOT NULL,
    "approver_permission" TEXT,
    "status" TEXT NOT NULL,
    "status_reason" TEXT,
    "created_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "decided_at" DATETIME,
    "decided_by" TEXT,
    "message_ref" TEXT
);

-- CreateTable
CREATE TABLE "approval_votes" (
    "request_id" TEXT NOT NULL,
    "approver" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("request_id", "approver"),
    CONSTRAINT "approval_votes_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "approval_requests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "approval_requests_status_org_slug_created_at_idx" ON "approval_requests"("status", "org_slug", "created_at");

-- CreateIndex
CREATE INDEX "approval_requests_status_created_at_idx" ON "approval_requests"("status", "created_at");
