-- AlterTable
ALTER TABLE "linked_orgs" ADD COLUMN     "automap" BOOLEAN NOT NULL DEFAULT false;
