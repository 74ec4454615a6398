/**
 * A recording HTTP server on 127.0.0.1: every request is kept (method, path, headers, raw and parsed
 * body) and answered by the first route that claims it. Stand-in for any HTTP API a test must not
 * reach for real.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  /** JSON object, or the form fields (values that look like JSON decoded, as Slack's client encodes them). */
  body: Record<string, unknown>;
  at: number;
  /** What the server answered. */
  answer?: Answer;
}

export interface Answer {
  status?: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export type Route = (req: Recorded) => Answer | undefined;

export interface RecordingServer {
  url: string;
  calls: Recorded[];
  /** Adds a route ahead of the others. */
  on(route: Route): void;
  /** The first recorded call matching, now or within `timeoutMs`. */
  waitFor(match: (r: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>;
  close(): Promise<void>;
}

export async function startRecordingServer(fallback: Route): Promise<RecordingServer> {
  const calls: Recorded[] = [];
  const routes: Route[] = [];
  const waiters = new Set<{ match: (r: Recorded) => boolean; resolve: (r: Recorded) => void }>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const rec: Recorded = {
      method: req.method ?? "",
      path: new URL(req.url ?? "/", "http://x").pathname,
      headers: req.headers,
      raw,
      body: parseBody(raw, req.headers["content-type"] ?? ""),
      at: Date.now(),
    };
    calls.push(rec);
    let answer: Answer | undefined;
    for (const route of [...routes, fallback]) {
      answer = route(rec);
      if (answer) break;
    }
    const a = answer ?? { status: 404, json: { ok: false, error: "unknown_method" } };
    rec.answer = a;
    res.writeHead(a.status ?? 200, { "content-type": "application/json", ...a.headers });
    res.end(JSON.stringify(a.json ?? { ok: true }));
    for (const w of [...waiters]) {
      if (w.match(rec)) {
        waiters.delete(w);
        w.resolve(rec);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    on: (route) => {
      routes.unshift(route);
    },
    waitFor(match, timeoutMs = 10_000) {
      const hit = calls.find(match);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (r: Recorded) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes("application/json")) {
    const v: unknown = JSON.parse(raw);
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : { value: v };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}
