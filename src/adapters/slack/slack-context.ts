import type { DispatchOptions } from "../../core/dispatcher.js";
import type { Invocation } from "../../core/invocation.js";
import type { CommandParser } from "../../core/parser/command-line.js";
import type { DeliveryDedupe } from "../../core/ports.js";
import type { Reply } from "../../core/reply.js";
import type { CoreServices, Logger } from "../../core/services.js";
import type { TaskTracker } from "../../core/task-tracker.js";

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
