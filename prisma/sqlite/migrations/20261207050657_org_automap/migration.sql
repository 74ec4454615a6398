-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_linked_orgs" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "genesys_org_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "secret_ciphertext" TEXT NOT NULL,
    "secret_nonce" TEXT NOT NULL,
    "secret_tag" TEXT NOT NULL,
    "secret_key_id" TEXT NOT NULL,
    "health" TEXT NOT NULL DEFAULT 'unknown',
    "health_reason" TEXT,
    "health_checked_at" DATETIME,
    "automap" BOOLEAN NOT NULL DEFAULT false,
    "linked_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);
INSERT INTO "new_linked_orgs" ("client_id", "genesys_org_id", "health", "health_checked_at", "health_reason", "linked_at", "name", "region", "secret_ciphertext", "secret_key_id", "secret_nonce", "secret_tag", "slug", "updated_at") SELECT "client_id", "genesys_org_id", "health", "health_checked_at", "health_reason", "linked_at", "name", "region", "secret_ciphertext", "secret_key_id", "secret_nonce", "secret_tag", "slug", "updated_at" FROM "linked_orgs";
DROP TABLE "linked_orgs";
ALTER TABLE "new_linked_orgs" RENAME TO "linked_orgs";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
