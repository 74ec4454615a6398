-- CreateTable
CREATE TABLE "campaign_watches" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "org_slug" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "campaign_name" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "campaign_watches_org_slug_idx" ON "campaign_watches"("org_slug");

-- CreateIndex
CREATE INDEX "campaign_watches_platform_channel_idx" ON "campaign_watches"("platform", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_watches_org_slug_campaign_id_platform_channel_key" ON "campaign_watches"("org_slug", "campaign_id", "platform", "channel");
