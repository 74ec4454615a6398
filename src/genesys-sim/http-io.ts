/**
 * Small node:http helpers. Bodies are size-limited because the simulator also serves hostile-input
 * tests: an oversized body is drained (so the client still gets its 413) up to a hard cap, after which
 * the connection is dropped rather than buffering without bound.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { freshUuid } from "./ids.js";
import { SimError } from "./sim-error.js";

const MAX_BODY_BYTES = 1024 * 1024;
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_CAP_BYTES) {
        req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooBig) {
        reject(
          new SimError(413, "request.entity.too.large", `The request body exceeds ${MAX_BODY_BYTES} bytes.`),
        );
      } else resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted"));
    });
  });
}

/** Parses a JSON request body; an empty body is `undefined`. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (e) {
    const reason = e instanceof Error ? e.message : "invalid JSON";
    throw new SimError(
      400,
      "bad.request",
      "The request could not be understood by the server due to malformed syntax: {reason}",
      {
        reason,
      },
    );
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    "inin-correlation-id": freshUuid(),
    ...headers,
  });
  res.end(text);
}
