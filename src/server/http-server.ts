/**
 * One node:http server for every surface: a route table, and a graceful close that stops accepting,
 * lets requests in flight finish (up to a grace period), then cuts what is left.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../core/kernel/logger.js";
import { type Route, routeRequest, sendJson } from "./route-table.js";

export interface HttpServerOptions {
  host: string;
  port: number;
  routes: readonly Route[];
  logger: Logger;
}

export interface RunningServer {
  /** `http://host:port` as bound (port 0 becomes the real one). */
  url: string;
  port: number;
  /** Stops accepting; resolves once in-flight requests ended or `graceMs` passed. */
  close(graceMs?: number): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const server = createServer((req, res) => {
    try {
      routeRequest(options.routes, req, res);
    } catch (e) {
      // A handler that throws synchronously must not take the process down with it.
      options.logger.error(
        { err: e instanceof Error ? e.name : String(e), path: req.url },
        "request handler failed",
      );
      sendJson(res, 500, { error: "internal" });
    }
  });
  // Slow clients must not hold a socket open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Keep-alive sockets with no request in flight would otherwise hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
