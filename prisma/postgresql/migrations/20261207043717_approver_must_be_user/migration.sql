-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "approver_must_be_user" BOOLEAN NOT NULL DEFAULT false;
