-- CreateTable
CREATE TABLE "teams_conversations" (
    "conversation_id" TEXT NOT NULL,
    "service_url" TEXT NOT NULL,
    "tenant_id" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "teams_conversations_pkey" PRIMARY KEY ("conversation_id")
);
