/**
 * Org access tokens at rest: sealed with the master key (AES-GCM, bound to the org and the
 * credentials it was issued for), so the database alone never yields a usable token. Failures are
 * never fatal: a token that cannot be read or written only means one more login.
 */
import type { StoredToken, TokenVault } from "../core/ports/token-vault.js";
import type { SecretCipher } from "./cipher.js";
import type { Db } from "./db.js";

export class PrismaTokenVaults {
  readonly #db: Db;
  readonly #cipher: SecretCipher;

  constructor(db: Db, cipher: SecretCipher) {
    this.#db = db;
    this.#cipher = cipher;
  }

  /** The vault for one org's token under one set of credentials (`binding`: client id and link time). */
  forOrg(orgSlug: string, binding: string): TokenVault {
    const db = this.#db;
    const cipher = this.#cipher;
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
        await db.orgToken
          .upsert({ where: { orgSlug }, create: { orgSlug, ...data }, update: data })
          .catch(() => {});
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
