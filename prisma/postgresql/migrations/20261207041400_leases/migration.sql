-- CreateTable
CREATE TABLE "leases" (
    "key" TEXT NOT NULL,
    "holder" TEXT,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "epoch" INTEGER NOT NULL,
    "acquired_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "leases_pkey" PRIMARY KEY ("key")
);
