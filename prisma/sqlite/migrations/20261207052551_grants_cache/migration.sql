-- CreateTable
CREATE TABLE "grants_cache" (
    "chat_identity" TEXT NOT NULL,
    "org_slug" TEXT NOT NULL,
    "mapping_key" TEXT NOT NULL,
    "read_at" DATETIME NOT NULL,
    "lookup" TEXT NOT NULL,

    PRIMARY KEY ("chat_identity", "org_slug")
);
