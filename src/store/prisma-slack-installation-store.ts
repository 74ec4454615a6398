/**
 * Slack installations on Prisma. The installation JSON holds the workspace's bot token, so it is
 * sealed like org secrets, bound to its key (AES-GCM associated data): a row copied under another
 * workspace's key does not open.
 */
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type { SlackInstallationStore } from "../core/ports/slack-installation-store.js";
import type { SecretCipher } from "./cipher.js";
import type { Db } from "./db.js";
import { atStoreBoundary } from "./errors.js";

export class PrismaSlackInstallationStore implements SlackInstallationStore {
  readonly #db: Db;
  readonly #cipher: SecretCipher;
  readonly #clock: Clock;

  constructor(db: Db, cipher: SecretCipher, options: { clock?: Clock } = {}) {
    this.#db = db;
    this.#cipher = cipher;
    this.#clock = options.clock ?? systemClock;
  }

  /** A reinstall (new scopes, new token) replaces the row; `installedAt` keeps the first install. */
  save(
    key: string,
    data: string,
    ids: { teamId: string | null; enterpriseId: string | null },
  ): Promise<void> {
    const sealed = this.#cipher.seal(data, context(key));
    const now = this.#clock.now();
    const fields = {
      teamId: ids.teamId,
      enterpriseId: ids.enterpriseId,
      dataCiphertext: sealed.ciphertext,
      dataNonce: sealed.nonce,
      dataTag: sealed.tag,
      dataKeyId: sealed.keyId,
      updatedAt: now,
    };
    return atStoreBoundary(async () => {
      await this.#db.slackInstallation.upsert({
        where: { key },
        create: { key, ...fields, installedAt: now },
        update: fields,
      });
    });
  }

  find(key: string): Promise<string | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.slackInstallation.findUnique({ where: { key } });
      if (!row) return null;
      return this.#cipher.open(
        { ciphertext: row.dataCiphertext, nonce: row.dataNonce, tag: row.dataTag, keyId: row.dataKeyId },
        context(key),
      );
    });
  }

  delete(key: string): Promise<boolean> {
    return atStoreBoundary(
      async () => (await this.#db.slackInstallation.deleteMany({ where: { key } })).count > 0,
    );
  }

  /** How many installations are sealed with an older key (`keys rotate` dry run). */
  countStale(): Promise<number> {
    return atStoreBoundary(() =>
      this.#db.slackInstallation.count({ where: { dataKeyId: { not: this.#cipher.activeKeyId } } }),
    );
  }

  /** Re-seals every installation not sealed with the active key; returns how many. */
  resealAll(): Promise<number> {
    return atStoreBoundary(async () => {
      const stale = await this.#db.slackInstallation.findMany({
        where: { dataKeyId: { not: this.#cipher.activeKeyId } },
      });
      for (const row of stale) {
        const plain = this.#cipher.open(
          { ciphertext: row.dataCiphertext, nonce: row.dataNonce, tag: row.dataTag, keyId: row.dataKeyId },
          context(row.key),
        );
        const sealed = this.#cipher.seal(plain, context(row.key));
        // Guarded by the old key id: a concurrent re-install (already sealed anew) is left alone.
        await this.#db.slackInstallation.updateMany({
          where: { key: row.key, dataKeyId: row.dataKeyId },
          data: {
            dataCiphertext: sealed.ciphertext,
            dataNonce: sealed.nonce,
            dataTag: sealed.tag,
            dataKeyId: sealed.keyId,
          },
        });
      }
      return stale.length;
    });
  }
}

function context(key: string): string {
  return `slack_installation:${key}`;
}
