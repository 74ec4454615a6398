-- CreateTable
CREATE TABLE "grants_cache" (
    "chat_identity" TEXT NOT NULL,
    "org_slug" TEXT NOT NULL,
    "mapping_key" TEXT NOT NULL,
    "read_at" TIMESTAMP(3) NOT NULL,
    "lookup" TEXT NOT NULL,

    CONSTRAINT "grants_cache_pkey" PRIMARY KEY ("chat_identity","org_slug")
);
