/**
 * One command's answer in Teams: ONE message, posted as a reply under the command while its turn
 * runs, then edited as the work goes on and replaced by the final reply. The turn ends within
 * Teams' 15 s either way: with the answer, the first progress update, or a "working on it" card.
 * Updates are serialised, so a late progress update can never overwrite the final reply.
 */
import type { TurnContext } from "botbuilder";
import type { Reply } from "../../core/kernel/reply.js";
import { type AdaptiveCard, renderCard, summaryOf } from "./adaptive-card.js";
import type { MessageTarget, Outbox } from "./outbox.js";

type Kind = "working" | "progress" | "final";

export class LiveReply {
  #chain: Promise<unknown> = Promise.resolve();
  #target: MessageTarget | undefined;
  #attempted = false;
  #queued = false;
  #final = false;
  #inTurn = true;
  #shown: () => void = () => {};
  /** Settles once the first message went out (or failed to): the turn must not end before. */
  readonly firstShown: Promise<void> = new Promise((resolve) => {
    this.#shown = resolve;
  });

  readonly #conversation: Omit<MessageTarget, "activityId">;

  constructor(
    private readonly ctx: TurnContext,
    private readonly outbox: Outbox,
  ) {
    // Read now: the turn's context is revoked when the turn ends, and later posts still need these.
    const { serviceUrl, conversation } = ctx.activity;
    this.#conversation = {
      serviceUrl,
      conversationId: conversation.id,
      ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
    };
  }

  /** For DispatchOptions.progress. */
  readonly progress = async (update: Reply): Promise<void> => {
    await this.enqueue(renderCard(update), summaryOf(update), "progress");
  };

  /** Tells the user the work started, unless something was shown already. */
  async working(card: AdaptiveCard, summary: string): Promise<void> {
    await this.enqueue(card, summary, "working");
  }

  /** The answer; updates after it are ignored. Returns the message it lives in, if it was delivered. */
  final(card: AdaptiveCard, summary: string): Promise<MessageTarget | undefined> {
    return this.enqueue(card, summary, "final");
  }

  /** The turn is over: from now on a first message can no longer be a reply in it. */
  endTurn(): void {
    this.#inTurn = false;
  }

  private enqueue(card: AdaptiveCard, summary: string, kind: Kind): Promise<MessageTarget | undefined> {
    if (this.#final || (kind === "working" && this.#queued)) return Promise.resolve(this.#target);
    this.#queued = true;
    if (kind === "final") this.#final = true;
    const step = this.#chain.then(() => this.show(card, summary, kind));
    this.#chain = step;
    return step;
  }

  private async show(card: AdaptiveCard, summary: string, kind: Kind): Promise<MessageTarget | undefined> {
    if (this.#target) {
      await this.outbox.update(this.#target, card, summary);
      return this.#target;
    }
    if (!this.#attempted) {
      this.#attempted = true;
      try {
        this.#target = this.#inTurn
          ? await this.outbox.reply(this.ctx, card, summary)
          : await this.outbox.post(this.#conversation, card, summary);
      } finally {
        this.#shown();
      }
      return this.#target;
    }
    // The first message did not go out, so there is nothing to edit: only the answer is worth a retry.
    if (kind === "final") this.#target = await this.outbox.post(this.#conversation, card, summary);
    return this.#target;
  }
}
