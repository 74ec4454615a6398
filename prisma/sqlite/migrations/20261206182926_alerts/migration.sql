-- CreateTable
CREATE TABLE "alert_incidents" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "org_slug" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "campaign_name" TEXT NOT NULL,
    "open_key" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "last_version" INTEGER NOT NULL,
    "detail" TEXT NOT NULL,
    "opened_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "resolved_at" DATETIME
);

-- CreateTable
CREATE TABLE "alert_posts" (
    "incident_id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "message_ref" TEXT,
    "posted_at" DATETIME NOT NULL,

    PRIMARY KEY ("incident_id", "platform", "channel")
);

-- CreateTable
CREATE TABLE "alert_mutes" (
    "org_slug" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,

    PRIMARY KEY ("org_slug", "campaign_id", "platform", "channel")
);

-- CreateTable
CREATE TABLE "alert_cursors" (
    "org_slug" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL,

    PRIMARY KEY ("org_slug", "campaign_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_incidents_open_key_key" ON "alert_incidents"("open_key");

-- CreateIndex
CREATE INDEX "alert_incidents_org_slug_campaign_id_idx" ON "alert_incidents"("org_slug", "campaign_id");
