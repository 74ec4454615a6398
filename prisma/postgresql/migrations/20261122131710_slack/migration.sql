-- CreateTable
CREATE TABLE "delivery_dedupe" (
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "delivery_dedupe_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "slack_installations" (
    "key" TEXT NOT NULL,
    "team_id" TEXT,
    "enterprise_id" TEXT,
    "data_ciphertext" TEXT NOT NULL,
    "data_nonce" TEXT NOT NULL,
    "data_tag" TEXT NOT NULL,
    "data_key_id" TEXT NOT NULL,
    "installed_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "slack_installations_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "delivery_dedupe_created_at_idx" ON "delivery_dedupe"("created_at");
