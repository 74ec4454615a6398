import type { CommandParser } from "../../core/dispatch/command-line.js";
import type { DispatchOptions } from "../../core/dispatch/dispatcher.js";
import type { TaskTracker } from "../../core/dispatch/task-tracker.js";
import type { Invocation } from "../../core/kernel/invocation.js";
import type { Logger } from "../../core/kernel/logger.js";
import type { Reply } from "../../core/kernel/reply.js";
import type { DeliveryDedupe } from "../../core/ports/delivery-dedupe.js";
import type { CoreServices } from "../../core/services.js";

/** The part of the core's Dispatcher Slack uses. */
export interface SlackDispatcher {
  dispatch(invocation: Invocation, options?: DispatchOptions): Promise<Reply>;
  validate(text: string): Reply | null;
  /** The core's reading of a command line, so the adapter never splits words itself. */
  readonly parser: CommandParser;
}

/** What every Slack listener works with: the core, exactly-once claims, background work, logs. */
export interface SlackContext {
  dispatcher: SlackDispatcher;
  services: CoreServices;
  dedupe: DeliveryDedupe;
  tasks: TaskTracker;
  logger: Logger;
}
