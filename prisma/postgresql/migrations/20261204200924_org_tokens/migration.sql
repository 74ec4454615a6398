-- CreateTable
CREATE TABLE "org_tokens" (
    "org_slug" TEXT NOT NULL,
    "binding" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "refresh_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "org_tokens_pkey" PRIMARY KEY ("org_slug")
);
