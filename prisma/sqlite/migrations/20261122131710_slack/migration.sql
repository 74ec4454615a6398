-- CreateTable
CREATE TABLE "delivery_dedupe" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "created_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "slack_installations" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "team_id" TEXT,
    "enterprise_id" TEXT,
    "data_ciphertext" TEXT NOT NULL,
    "data_nonce" TEXT NOT NULL,
    "data_tag" TEXT NOT NULL,
    "data_key_id" TEXT NOT NULL,
    "installed_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "delivery_dedupe_created_at_idx" ON "delivery_dedupe"("created_at");
