-- CreateTable
CREATE TABLE "leases" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT,
    "expires_at" DATETIME NOT NULL,
    "epoch" INTEGER NOT NULL,
    "acquired_at" DATETIME NOT NULL
);
