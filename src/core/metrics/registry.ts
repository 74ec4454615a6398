/**
 * A deliberately tiny metrics registry rendering the Prometheus text format (version 0.0.4):
 * counters and fixed-bucket histograms with labels, and gauges read at scrape time. No dependency,
 * and cheap on the hot path: a caller keeps the cell it got from `cell()` (one map lookup to find it
 * again) and an increment is one addition; label strings are built once per series, not per event.
 */

export interface Collector {
  /** Appends this metric's exposition lines (HELP, TYPE, samples) to `out`. */
  collect(out: string[]): void | Promise<void>;
}

export interface CounterCell {
  inc(by?: number): void;
}

export interface HistogramCell {
  observe(value: number): void;
}

/** A counter family: one series per combination of label values. */
export class Counter implements Collector {
  private readonly series = new Map<string, { labels: string; value: number }>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly labelNames: readonly string[] = [],
  ) {}

  /** The series for these label values (in `labelNames` order), created on first use. */
  cell(...values: string[]): CounterCell {
    const key = values.join("\u0000");
    let s = this.series.get(key);
    if (!s) {
      s = { labels: labelText(this.labelNames, values), value: 0 };
      this.series.set(key, s);
    }
    const series = s;
    return {
      inc(by = 1) {
        series.value += by;
      },
    };
  }

  collect(out: string[]): void {
    header(out, this.name, this.help, "counter");
    for (const s of this.series.values()) out.push(`${this.name}${s.labels} ${num(s.value)}`);
  }
}

interface HistogramSeries {
  labels: string[];
  /** Non-cumulative counts per bucket, +Inf last; cumulated when rendered. */
  counts: number[];
  sum: number;
  count: number;
}

/** A histogram family with fixed upper bounds (seconds, ascending). */
export class Histogram implements Collector {
  private readonly series = new Map<string, HistogramSeries>();
  private readonly bounds: readonly number[];

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly labelNames: readonly string[],
    buckets: readonly number[],
  ) {
    this.bounds = [...buckets].sort((a, b) => a - b);
  }

  cell(...values: string[]): HistogramCell {
    const key = values.join("\u0000");
    let s = this.series.get(key);
    if (!s) {
      // The bucket label sets are rendered once here, not at every scrape or observation.
      const les = [...this.bounds.map((b) => num(b)), "+Inf"];
      s = {
        labels: les.map((le) => labelText([...this.labelNames, "le"], [...values, le])),
        counts: les.map(() => 0),
        sum: 0,
        count: 0,
      };
      s.labels.push(labelText(this.labelNames, values));
      this.series.set(key, s);
    }
    const series = s;
    const bounds = this.bounds;
    return {
      observe(value: number) {
        let i = 0;
        while (i < bounds.length && value > (bounds[i] ?? Number.POSITIVE_INFINITY)) i++;
        series.counts[i] = (series.counts[i] ?? 0) + 1;
        series.sum += value;
        series.count++;
      },
    };
  }

  collect(out: string[]): void {
    header(out, this.name, this.help, "histogram");
    for (const s of this.series.values()) {
      let cumulative = 0;
      s.counts.forEach((n, i) => {
        cumulative += n;
        out.push(`${this.name}_bucket${s.labels[i] ?? ""} ${cumulative}`);
      });
      const plain = s.labels[s.labels.length - 1] ?? "";
      out.push(`${this.name}_sum${plain} ${num(s.sum)}`, `${this.name}_count${plain} ${s.count}`);
    }
  }
}

/**
 * A gauge whose value is read when scraped (e.g. a database count). A read that fails leaves the
 * sample out of that scrape rather than failing the whole scrape.
 */
export class ScrapeGauge implements Collector {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly read: () => number | Promise<number>,
  ) {}

  async collect(out: string[]): Promise<void> {
    let value: number;
    try {
      value = await this.read();
    } catch {
      return;
    }
    header(out, this.name, this.help, "gauge");
    out.push(`${this.name} ${num(value)}`);
  }
}

export class Registry {
  private readonly collectors: Collector[] = [];

  register<T extends Collector>(collector: T): T {
    this.collectors.push(collector);
    return collector;
  }

  /** The whole exposition, `text/plain; version=0.0.4`. */
  async render(): Promise<string> {
    const out: string[] = [];
    for (const c of this.collectors) await c.collect(out);
    return `${out.join("\n")}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function header(out: string[], name: string, help: string, type: string): void {
  out.push(`# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${name} ${type}`);
}

function labelText(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return "";
  const pairs = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? "")}"`);
  return `{${pairs.join(",")}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function num(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return "+Inf";
  if (n === Number.NEGATIVE_INFINITY) return "-Inf";
  return Number.isNaN(n) ? "NaN" : String(n);
}
