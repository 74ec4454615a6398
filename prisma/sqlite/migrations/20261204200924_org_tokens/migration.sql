-- CreateTable
CREATE TABLE "org_tokens" (
    "org_slug" TEXT NOT NULL PRIMARY KEY,
    "binding" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "refresh_at" DATETIME NOT NULL
);
