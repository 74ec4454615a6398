import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GenesysError } from "../../src/core/kernel/genesys-error.js";
import { type HttpOptions, type ResponseInfo, sendRequest } from "../../src/genesys/http.js";
import { parseRetryAfter, requiredPermissionsOf } from "../../src/genesys/http-error.js";
import { type LocalServer, sendJson, startLocalServer } from "./support/local-server.js";

const TOKEN = "tok-9f8e7d6c5b4a39281706";

let server: LocalServer;
const responses: ResponseInfo[] = [];
const http = (): HttpOptions => ({
  fetch: globalThis.fetch,
  timeoutMs: 2_000,
  orgSlug: "acme",
  onResponse: (info) => responses.push(info),
});

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const url = req.url ?? "";
    if (url.startsWith("/forbidden")) {
      sendJson(
        res,
        403,
        {
          message:
            "Unable to perform the requested action. You are missing the following permission(s): [outbound:campaign:stop, outbound:campaign:edit]",
          code: "missing.permissions",
          status: 403,
          messageParams: {},
          contextId: "ctx-403",
        },
        { "inin-correlation-id": "corr-403" },
      );
    } else if (url.startsWith("/any")) {
      sendJson(res, 403, {
        message: "You need at least one of the permissions",
        code: "missing.any.permissions",
        status: 403,
        messageParams: { permissions: ["outbound:campaign:start", "outbound:*:*"] },
        contextId: "ctx-any",
      });
    } else if (url.startsWith("/missing")) {
      sendJson(res, 404, {
        message: "The requested campaign was not found.",
        code: "not.found",
        status: 404,
        contextId: "c404",
      });
    } else if (url.startsWith("/busy")) {
      sendJson(
        res,
        429,
        { message: "Rate limit exceeded", code: "too.many.requests", status: 429 },
        { "retry-after": "7" },
      );
    } else if (url.startsWith("/oauth")) {
      sendJson(res, 401, { error: "invalid_client", description: "client not found" });
    } else if (url.startsWith("/html")) {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>bad gateway</html>");
    } else if (url.startsWith("/echo")) {
      // A hostile or buggy server that echoes credentials back in its error.
      sendJson(res, 400, {
        message: `bad header ${req.headers.authorization ?? ""}`,
        code: "bad.request",
        messageParams: { header: req.headers.authorization ?? "" },
      });
    } else if (url.startsWith("/wrong-shape")) {
      sendJson(res, 200, { id: 42 });
    } else if (url.startsWith("/not-json")) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("hello");
    } else if (url.startsWith("/hang")) {
      // Never answers: the client's timeout must fire.
    } else if (url.startsWith("/stall")) {
      // Headers, then a body that never ends: the timeout covers the body too.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":');
    } else {
      sendJson(res, 200, { id: "c1", extra: true });
    }
  });
});

afterAll(() => server.close());

const idSchema = z.looseObject({ id: z.string() });

async function failure(
  path: string,
  extra: { secrets?: string[]; timeoutMs?: number } = {},
): Promise<GenesysError> {
  const options = { ...http(), ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) };
  const error = await sendRequest(
    options,
    {
      method: "GET",
      baseUrl: server.url,
      path,
      headers: { authorization: `Bearer ${TOKEN}` },
      secrets: extra.secrets,
    },
    idSchema,
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GenesysError);
  return error as GenesysError;
}

describe("sendRequest", () => {
  it("returns the parsed body and keeps unknown fields", async () => {
    const body = await sendRequest(http(), { method: "GET", baseUrl: server.url, path: "/ok" }, idSchema);
    expect(body).toEqual({ id: "c1", extra: true });
    expect(responses.at(-1)).toMatchObject({ method: "GET", path: "/ok", status: 200 });
  });

  it("types a 403 with its permissions, contextId and correlation id", async () => {
    const error = await failure("/forbidden/campaigns/1/stop");
    expect(error).toMatchObject({
      status: 403,
      code: "missing.permissions",
      contextId: "ctx-403",
      correlationId: "corr-403",
      method: "GET",
      path: "/forbidden/campaigns/1/stop",
      orgSlug: "acme",
      requiredPermissions: ["outbound:campaign:stop", "outbound:campaign:edit"],
    });
  });

  it("reads missing.any.permissions from messageParams", async () => {
    const error = await failure("/any");
    expect(error.requiredPermissions).toEqual(["outbound:campaign:start", "outbound:*:*"]);
  });

  it("types a 404 without permissions", async () => {
    const error = await failure("/missing");
    expect(error).toMatchObject({
      status: 404,
      code: "not.found",
      contextId: "c404",
      requiredPermissions: [],
    });
  });

  it("reads Retry-After on a 429", async () => {
    const error = await failure("/busy");
    expect(error).toMatchObject({ status: 429, code: "too.many.requests", retryAfterSeconds: 7 });
  });

  it("uses the OAuth error as the code for token endpoint errors", async () => {
    const error = await failure("/oauth/token");
    expect(error).toMatchObject({ status: 401, code: "invalid_client", message: "client not found" });
  });

  it("gives a non-JSON error body a code derived from its status", async () => {
    const error = await failure("/html");
    expect(error).toMatchObject({ status: 502, code: "http.502" });
  });

  it("rejects a 2xx body missing a field we use as invalid.response", async () => {
    const error = await failure("/wrong-shape");
    expect(error).toMatchObject({ status: 502, code: "invalid.response" });
    expect(error.message).toContain("id");
  });

  it("rejects a 2xx body that is not JSON as invalid.response", async () => {
    const error = await failure("/not-json");
    expect(error).toMatchObject({ status: 502, code: "invalid.response" });
  });

  it("turns a refused connection into network.error with status 0", async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const error = await sendRequest(
      http(),
      { method: "GET", baseUrl: closed.url, path: "/x" },
      idSchema,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "network.error", isNetwork: true, path: "/x" });
    expect(responses.at(-1)).toMatchObject({ path: "/x", status: 0 });
  });

  it("times out a server that never answers", async () => {
    const error = await failure("/hang", { timeoutMs: 100 });
    expect(error).toMatchObject({ status: 0, code: "network.error" });
    expect(error.message).toContain("no answer within 100 ms");
  });

  it("times out a body that never ends", async () => {
    const error = await failure("/stall", { timeoutMs: 100 });
    expect(error).toMatchObject({ status: 0, code: "network.error" });
    expect(error.message).toContain("no answer within 100 ms");
  });

  it("never lets a secret out, even when the server echoes it", async () => {
    const error = await failure("/echo", { secrets: [TOKEN] });
    expect(error.message).toContain("[redacted]");
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(TOKEN);
    expect(String(error.stack)).not.toContain(TOKEN);
  });
});

describe("error parsing helpers", () => {
  it("parses Retry-After as seconds or as an HTTP date", () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseRetryAfter("3", now)).toBe(3);
    expect(parseRetryAfter(new Date(now + 10_000).toUTCString(), now)).toBe(10);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("finds permissions in a bracketed messageParams string and ignores other codes", () => {
    expect(requiredPermissionsOf("missing.permissions", "denied", { perms: "[a:b:c, d:e:*]" })).toEqual([
      "a:b:c",
      "d:e:*",
    ]);
    expect(
      requiredPermissionsOf("missing.any.permissions", "denied", { permissions: "x:y:z, q:r:s" }),
    ).toEqual(["x:y:z", "q:r:s"]);
    expect(requiredPermissionsOf("not.found", "[a:b:c]", {})).toBeUndefined();
  });
});
