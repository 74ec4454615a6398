import type { CommandParser } from "../../core/dispatch/command-line.js";
import type { DispatchOptions } from "../../core/dispatch/dispatcher.js";
import type { TaskTracker } from "../../core/dispatch/task-tracker.js";
import type { Invocation } from "../../core/kernel/invocation.js";
import type { Logger } from "../../core/kernel/logger.js";
import type { Reply } from "../../core/kernel/reply.js";
import type { DeliveryDedupe } from "../../core/ports/delivery-dedupe.js";
import type { CoreServices } from "../../core/services.js";
import type { Outbox } from "./outbox.js";

/** The part of the core's Dispatcher Teams uses. */
export interface TeamsDispatcher {
  dispatch(invocation: Invocation, options?: DispatchOptions): Promise<Reply>;
  validate(text: string): Reply | null;
  /** The core's reading of a command line, so the adapter never splits words itself. */
  readonly parser: CommandParser;
}

/** What every Teams handler works with: the core, exactly-once claims, sending, background work, logs. */
export interface TeamsContext {
  dispatcher: TeamsDispatcher;
  services: CoreServices;
  dedupe: DeliveryDedupe;
  outbox: Outbox;
  tasks: TaskTracker;
  logger: Logger;
  /** How long a turn waits for the work before answering "working on it" (Teams gives up at 15 s). */
  answerWithinMs: number;
}
