/**
 * Acknowledgements before post-ack work. Slack wants each request's 200 within 3 s; in a burst of
 * commands the work that follows earlier acks (the delivery claim, the dispatch's reads, all CPU on
 * this one event loop) would otherwise run between the later requests' arrival and their ack, so the
 * 50th ack waits for 49 commands' database work. Post-ack work therefore waits until no request is
 * still owed its ack and the burst has gone quiet; a lone command starts at once, and no work waits
 * longer than `maxWaitMs`, so a steady stream delays work by at most that and never starves it.
 * Exactly-once is unaffected: the database claim still comes before the work, only later.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export interface AckPriorityOptions {
  /** A burst is over when no other request arrived for this long. */
  quietMs?: number;
  /** The longest any work waits after its ack. */
  maxWaitMs?: number;
  now?: () => number;
}

export class AckPriority {
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  readonly #now: () => number;
  /** Responses not yet ended: their requests are still owed an ack. */
  readonly #open = new Set<ServerResponse>();
  /** Arrival times within the last `quietMs`, oldest first. */
  #arrivals: number[] = [];
  #waiters: Array<{ until: number; release: () => void }> = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: AckPriorityOptions = {}) {
    this.#quietMs = options.quietMs ?? 50;
    this.#maxWaitMs = options.maxWaitMs ?? 500;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Wraps the Slack request listener so arrivals and acks are seen. */
  track(inner: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      this.#arrivals.push(this.#now());
      this.#open.add(res);
      const done = () => {
        this.#open.delete(res);
        this.#check();
      };
      res.once("finish", done);
      res.once("close", done);
      return inner(req, res);
    };
  }

  /** Resolves when post-ack work may start. */
  settled(): Promise<void> {
    if (this.#quiet()) return Promise.resolve();
    return new Promise((release) => {
      this.#waiters.push({ until: this.#now() + this.#maxWaitMs, release });
      this.#schedule();
    });
  }

  /** Lets everything waiting start (shutting down). */
  releaseAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.release();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #quiet(): boolean {
    const now = this.#now();
    while (this.#arrivals.length && (this.#arrivals[0] ?? 0) <= now - this.#quietMs) this.#arrivals.shift();
    // `writableEnded` turns true when the ack is sent, before the socket's "finish".
    for (const res of this.#open) if (!res.writableEnded) return false;
    // One arrival in the window is the command whose work is asking: it is alone.
    return this.#arrivals.length <= 1;
  }

  #check(): void {
    if (!this.#waiters.length) return;
    if (this.#quiet()) {
      this.releaseAll();
      return;
    }
    const now = this.#now();
    const overdue = this.#waiters.filter((w) => w.until <= now);
    if (overdue.length) {
      this.#waiters = this.#waiters.filter((w) => w.until > now);
      for (const w of overdue) w.release();
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || !this.#waiters.length) return;
    // Re-checked in small steps (the window slides with every arrival), and at the first deadline.
    const firstDeadline = Math.min(...this.#waiters.map((w) => w.until)) - this.#now();
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#check();
      },
      Math.max(1, Math.min(Math.floor(this.#quietMs / 4), Math.ceil(firstDeadline))),
    );
  }
}
