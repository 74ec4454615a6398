/**
 * sendRequest without a `fetch`: the default node:http transport. The same boundary rules as the
 * fetch path (http.test.ts): status, headers, body, timeouts and refusals become the same answers and
 * errors, and sockets are kept alive between requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GenesysError } from "../../src/core/kernel/genesys-error.js";
import { type HttpOptions, sendRequest } from "../../src/genesys/http.js";
import type { ServerRateLimit } from "../../src/genesys/rate-headers.js";
import { type LocalServer, sendJson, startLocalServer } from "./support/local-server.js";

let server: LocalServer;
const sockets = new Set<unknown>();
const received: { method: string; contentType: string | undefined; body: string }[] = [];
const http = (timeoutMs = 2_000): HttpOptions => ({ timeoutMs, orgSlug: "acme" });
const idSchema = z.looseObject({ id: z.string() });

beforeAll(async () => {
  server = await startLocalServer((req, res, body) => {
    sockets.add(req.socket);
    received.push({ method: req.method ?? "", contentType: req.headers["content-type"], body });
    const url = req.url ?? "";
    if (url.startsWith("/busy")) {
      sendJson(
        res,
        429,
        { message: "Rate limit exceeded", code: "too.many.requests", status: 429 },
        { "retry-after": "7", "inin-correlation-id": "corr-429" },
      );
    } else if (url.startsWith("/hang")) {
      // Never answers.
    } else if (url.startsWith("/stall")) {
      // Headers, then a body that never ends: the timeout covers the body too.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":');
    } else {
      sendJson(
        res,
        200,
        { id: "c1", echo: body },
        { "inin-ratelimit-allowed": "300", "inin-ratelimit-count": "12", "inin-ratelimit-reset": "41" },
      );
    }
  });
});

afterAll(() => server.close());

describe("sendRequest on node:http", () => {
  it("returns the parsed body and reports the server's rate budget", async () => {
    const limits: ServerRateLimit[] = [];
    const body = await sendRequest(
      http(),
      { method: "GET", baseUrl: server.url, path: "/ok", onRateLimit: (l) => limits.push(l) },
      idSchema,
    );
    expect(body).toMatchObject({ id: "c1" });
    expect(limits).toEqual([{ allowed: 300, count: 12, resetSeconds: 41 }]);
  });

  it("sends a form body with its content type", async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    const body = await sendRequest(
      http(),
      { method: "POST", baseUrl: server.url, path: "/token", form },
      idSchema,
    );
    expect(body).toMatchObject({ echo: "grant_type=client_credentials" });
    expect(received.at(-1)).toMatchObject({
      method: "POST",
      contentType: "application/x-www-form-urlencoded",
    });
  });

  it("types a 429 with Retry-After and the correlation id", async () => {
    const error = await sendRequest(
      http(),
      { method: "GET", baseUrl: server.url, path: "/busy" },
      idSchema,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysError);
    expect(error).toMatchObject({
      status: 429,
      code: "too.many.requests",
      retryAfterSeconds: 7,
      correlationId: "corr-429",
    });
  });

  it("times out a server that never answers, and one whose body stalls", async () => {
    for (const path of ["/hang", "/stall"]) {
      const error = await sendRequest(
        http(100),
        { method: "GET", baseUrl: server.url, path },
        idSchema,
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 0, code: "network.error" });
      expect((error as Error).message).toContain("no answer within 100 ms");
    }
  });

  it("turns a refused connection into network.error", async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const error = await sendRequest(
      http(),
      { method: "GET", baseUrl: closed.url, path: "/x" },
      idSchema,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "network.error", path: "/x" });
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  it("keeps the connection alive between sequential requests", async () => {
    sockets.clear();
    for (let i = 0; i < 3; i++) {
      await sendRequest(http(), { method: "GET", baseUrl: server.url, path: "/ok" }, idSchema);
    }
    expect(sockets.size).toBe(1);
  });
});
