/**
 * Runs scheduled actions when they are due. Every replica (each `switchboard serve`, an interactive
 * shell) has one; they share nothing but the database, where each due action is claimed with one
 * conditional UPDATE, so exactly one of them runs it. A claim whose owner died (a crash between claim
 * and finish) is taken over once its lease is long past. The channel is told what happened.
 */
import { randomUUID } from "node:crypto";
import { errorToReply } from "../dispatch/error-reply.js";
import { auditOutcomeOf, isAppError } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import { type Reply, replyToPlainText } from "../kernel/reply.js";
import type { Notifier } from "../ports/notifier.js";
import type { ScheduledAction } from "../ports/schedule-store.js";
import type { CoreServices } from "../services.js";
import { runScheduledResume } from "./run-scheduled.js";

export interface SchedulerOptions {
  services: CoreServices;
  notifier: Notifier;
  /** A claim older than this is presumed dead and taken over (default 15 min: a resume takes seconds). */
  leaseMs?: number;
  /** Actions claimed per poll (default 20): the rest wait for the next poll, or another replica. */
  batch?: number;
}

export class Scheduler {
  /** This scheduler's name on its claims. */
  readonly owner = `scheduler:${randomUUID()}`;
  readonly #services: CoreServices;
  readonly #notifier: Notifier;
  readonly #leaseMs: number;
  readonly #batch: number;

  constructor(options: SchedulerOptions) {
    this.#services = options.services;
    this.#notifier = options.notifier;
    this.#leaseMs = options.leaseMs ?? 15 * 60_000;
    this.#batch = options.batch ?? 20;
  }

  /** Claims what is due now and runs it; returns the actions this scheduler ran. */
  async runDue(): Promise<ScheduledAction[]> {
    const { clock, schedules } = this.#services;
    const now = clock.now();
    const claimed = await schedules.claimDue(now, this.owner, {
      staleBefore: new Date(now.getTime() - this.#leaseMs),
      limit: this.#batch,
    });
    for (const action of claimed) await this.#run(action);
    return claimed;
  }

  async #run(action: ScheduledAction): Promise<void> {
    const services = this.#services;
    let answer: Reply;
    try {
      answer = await runScheduledResume(services, action);
    } catch (e) {
      const ref = randomUUID().slice(0, 8);
      answer = errorToReply(e, ref, services.clock.now());
      if (!isAppError(e) && !isGenesysError(e))
        services.logger.error({ err: String(e), scheduleId: action.id, ref }, "scheduled action fault");
      await services.audit
        .append({
          actor: action.requester,
          platform: action.platform,
          channel: action.channel,
          orgSlug: action.orgSlug,
          action: "schedule run",
          targetName: action.targets.map((t) => t.campaignName).join(", "),
          outcome: auditOutcomeOf(e),
          detail: {
            scheduleId: action.id,
            error: isAppError(e) ? e.code : isGenesysError(e) ? `${e.status} ${e.code}` : "fault",
          },
        })
        .catch((auditError: unknown) =>
          services.logger.error(
            { err: String(auditError), scheduleId: action.id },
            "schedule run not audited",
          ),
        );
    }
    const summary = replyToPlainText(answer).split("\n").slice(0, 2).join(" ").slice(0, 300);
    const kept = await services.schedules
      .finish(action.id, this.owner, answer.ok ? "done" : "failed", summary, services.clock.now())
      .catch((e: unknown) => {
        services.logger.error(
          { err: String(e), scheduleId: action.id },
          "scheduled action outcome not recorded",
        );
        return false;
      });
    if (!kept)
      services.logger.warn({ scheduleId: action.id }, "scheduled action was taken over while running");
    const notice: Reply = {
      ...answer,
      visibility: "channel",
      title: answer.title ?? `Scheduled resume ${action.id}`,
    };
    await this.#notifier.notify(action.platform, action.channel, notice, action.requester);
  }
}
