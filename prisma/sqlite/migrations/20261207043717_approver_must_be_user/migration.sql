-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_approval_requests" (
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
    "approver_must_be_user" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "status_reason" TEXT,
    "created_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "decided_at" DATETIME,
    "decided_by" TEXT,
    "message_ref" TEXT,
    "claimed_by" TEXT,
    "claimed_at" DATETIME
);
INSERT INTO "new_approval_requests" ("action", "approver_permission", "approvers_required", "channel", "claimed_at", "claimed_by", "created_at", "decided_at", "decided_by", "expires_at", "id", "message_ref", "org_slug", "platform", "reason", "requester", "requester_name", "status", "status_reason", "targets") SELECT "action", "approver_permission", "approvers_required", "channel", "claimed_at", "claimed_by", "created_at", "decided_at", "decided_by", "expires_at", "id", "message_ref", "org_slug", "platform", "reason", "requester", "requester_name", "status", "status_reason", "targets" FROM "approval_requests";
DROP TABLE "approval_requests";
ALTER TABLE "new_approval_requests" RENAME TO "approval_requests";
CREATE INDEX "approval_requests_status_org_slug_created_at_idx" ON "approval_requests"("status", "org_slug", "created_at");
CREATE INDEX "approval_requests_status_decided_at_idx" ON "approval_requests"("status", "decided_at");
CREATE INDEX "approval_requests_status_created_at_idx" ON "approval_requests"("status", "created_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
