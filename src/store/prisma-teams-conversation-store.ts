/** Teams conversation references on Prisma (`teams_conversations`), one row per conversation. */
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type { TeamsConversationRef, TeamsConversationStore } from "../core/ports/teams-conversation-store.js";
import type { Db } from "./db.js";
import { atStoreBoundary } from "./errors.js";

export class PrismaTeamsConversationStore implements TeamsConversationStore {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, options: { clock?: Clock } = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
  }

  save(ref: TeamsConversationRef): Promise<void> {
    const fields = {
      serviceUrl: ref.serviceUrl,
      tenantId: ref.tenantId ?? null,
      updatedAt: this.#clock.now(),
    };
    return atStoreBoundary(async () => {
      await this.#db.teamsConversation.upsert({
        where: { conversationId: ref.conversationId },
        create: { conversationId: ref.conversationId, ...fields },
        update: fields,
      });
    });
  }

  find(conversationId: string): Promise<TeamsConversationRef | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.teamsConversation.findUnique({ where: { conversationId } });
      if (!row) return null;
      return {
        conversationId: row.conversationId,
        serviceUrl: row.serviceUrl,
        ...(row.tenantId ? { tenantId: row.tenantId } : {}),
      };
    });
  }
}
