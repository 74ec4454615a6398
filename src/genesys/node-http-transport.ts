/**
 * The default transport: node:http and node:https with one keep-alive agent per protocol. Not
 * `fetch`: undici, behind Node's fetch, is loaded on first use and costs a one-shot `exec` ~70–90 ms
 * of its start-up; node:http is already in memory. Behaviour matches fetchTransport: the timeout
 * covers the whole exchange including the body, and a missed one fails with a `TimeoutError`.
 */
import http from "node:http";
import https from "node:https";
import type { HttpAnswer, HttpTransport } from "./http-transport.js";

// Idle sockets are unref'd by the agent, so keeping them never holds a finished process open.
let agents: { http: http.Agent; https: https.Agent } | undefined;

function agentFor(protocol: string): http.Agent {
  agents ??= {
    http: new http.Agent({ keepAlive: true, scheduling: "lifo" }),
    https: new https.Agent({ keepAlive: true, scheduling: "lifo" }),
  };
  return protocol === "https:" ? agents.https : agents.http;
}

class TimeoutError extends Error {
  override name = "TimeoutError";
}

export const nodeHttpTransport: HttpTransport = (url, request) => {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = client.request(target, { method: request.method, headers, agent: agentFor(target.protocol) });
    const timer = setTimeout(
      () => req.destroy(new TimeoutError(`no answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    req.on("error", fail);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers: {
            get: (name) => {
              const value = res.headers[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
            },
          },
          text: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    req.end(request.body);
  });
};
