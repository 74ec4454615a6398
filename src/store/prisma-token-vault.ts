/**
 * Org access tokens at rest: sealed with the master key (AES-GCM, bound to the org and the
 * credentials it was issued for), so the database alone never yields a usable token. Failures are
 * never fatal: a token that cannot be read or written only means one more login.
 */
import type { StoredToken, TokenVault } from "../core/ports/token-vault.js";
import type { SecretCipher } from "./cipher.js";
import type { Db } from "./db.js";
import { type UnsyncedWriter, writeKeptCache } from "./kept-cache-write.js";
import { sqliteDateTime } from "./sqlite-datetime.js";

const UPSERT_SQL =
  "INSERT INTO org_tokens (org_slug, binding, ciphertext, nonce, tag, key_id, refresh_at)" +
  " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_slug) DO UPDATE SET binding = excluded.binding," +
  " ciphertext = excluded.ciphertext, nonce = excluded.nonce, tag = excluded.tag," +
  " key_id = excluded.key_id, refresh_at = excluded.refresh_at";

export class PrismaTokenVaults {
  readonly #db: Db;
  readonly #cipher: SecretCipher;
  readonly #unsynced: UnsyncedWriter | undefined;

  /** @param unsynced SQLite: saves a token without an fsync of its own (a kept token is a cache). */
  constructor(db: Db, cipher: SecretCipher, unsynced?: UnsyncedWriter) {
    this.#db = db;
    this.#cipher = cipher;
    this.#unsynced = unsynced;
  }

  /** The vault for one org's token under one set of credentials (`binding`: client id and link time). */
  forOrg(orgSlug: string, binding: string): TokenVault {
    const db = this.#db;
    const cipher = this.#cipher;
    const unsynced = this.#unsynced;
    const context = `org-token:${orgSlug}:${binding}`;
    return {
      async load(): Promise<StoredToken | undefined> {
        try {
          const row = await db.orgToken.findUnique({ where: { orgSlug } });
          if (!row || row.binding !== binding) return undefined;
          const value = cipher.open(
            { ciphertext: row.ciphertext, nonce: row.nonce, tag: row.tag, keyId: row.keyId },
            context,
          );
          return { value, refreshAt: row.refreshAt };
        } catch {
          return undefined; // unreadable (rotated key, altered row): log in again
        }
      },
      async save(token: StoredToken): Promise<void> {
        const sealed = cipher.seal(token.value, context);
        const data = { binding, ...sealed, refreshAt: token.refreshAt };
        // A token that could not be kept only means one more login.
        await writeKeptCache(
          unsynced,
          UPSERT_SQL,
          () => [
            ...[orgSlug, binding, sealed.ciphertext, sealed.nonce, sealed.tag, sealed.keyId],
            sqliteDateTime(token.refreshAt),
          ],
          () => db.orgToken.upsert({ where: { orgSlug }, create: { orgSlug, ...data }, update: data }),
        );
      },
      async drop(value: string): Promise<void> {
        try {
          const row = await db.orgToken.findUnique({ where: { orgSlug } });
          if (!row) return;
          const sealed = { ciphertext: row.ciphertext, nonce: row.nonce, tag: row.tag, keyId: row.keyId };
          const current = row.binding === binding ? cipher.open(sealed, context) : undefined;
          // Guarded by the ciphertext: a newer token saved meanwhile (another process) is kept.
          if (current === undefined || current === value)
            await db.orgToken.deleteMany({ where: { orgSlug, ciphertext: row.ciphertext } });
        } catch {
          // A token we cannot delete is one Genesys already refuses: the next 401 drops it again.
        }
      },
    };
  }
}
