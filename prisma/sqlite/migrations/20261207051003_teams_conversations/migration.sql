-- CreateTable
CREATE TABLE "teams_conversations" (
    "conversation_id" TEXT NOT NULL PRIMARY KEY,
    "service_url" TEXT NOT NULL,
    "tenant_id" TEXT,
    "updated_at" DATETIME NOT NULL
);
