import type { Logger } from "../kernel/logger.js";
import type { Scheduler } from "./scheduler.js";

/**
 * Polls a Scheduler every few seconds in a long-running process (`serve`, the interactive shell;
 * never a one-shot `exec`). One poll at a time; a failed poll (database briefly down) is logged and
 * the next one tries again. `stop()` waits for a poll in progress, so shutdown never cuts a resume
 * in half.
 */
export class SchedulerRunner {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(
    private readonly scheduler: Pick<Scheduler, "runDue">,
    private readonly options: { intervalMs: number; logger: Logger },
  ) {}

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#poll().finally(() => {
        this.#running = undefined;
        this.#schedule(this.options.intervalMs);
      });
    }, delayMs);
    // A pending poll must not keep a finished process alive.
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    try {
      await this.scheduler.runDue();
    } catch (e) {
      this.options.logger.warn({ err: e instanceof Error ? e.message : String(e) }, "scheduler poll failed");
    }
  }
}
