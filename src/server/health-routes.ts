/**
 * `/healthz`: the process is up (restart it if not). `/readyz`: it can serve, meaning every check
 * passes (the database answers, the configuration loaded); not ready while shutting down, so a load
 * balancer stops sending traffic before connections close. Check failures name the check, never a
 * connection string or secret.
 */
import type { Route } from "./route-table.js";
import { sendJson } from "./route-table.js";

export type ReadinessCheck = () => Promise<void>;

const CHECK_TIMEOUT_MS = 2_000;

export function healthRoutes(o: {
  checks: Record<string, ReadinessCheck>;
  shuttingDown: () => boolean;
}): Route[] {
  return [
    {
      path: "/healthz",
      methods: ["GET", "HEAD"],
      handler: (_req, res) => sendJson(res, 200, { status: "ok" }),
    },
    {
      path: "/readyz",
      methods: ["GET", "HEAD"],
      handler: (_req, res) => {
        if (o.shuttingDown()) {
          sendJson(res, 503, { status: "shutting down" });
          return;
        }
        void runChecks(o.checks).then((checks) => {
          const ready = Object.values(checks).every((c) => c === "ok");
          sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks });
        });
      },
    },
  ];
}

async function runChecks(checks: Record<string, ReadinessCheck>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await outcome(check)] as const),
  );
  return Object.fromEntries(entries);
}

async function outcome(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS);
      }),
    ]);
    return "ok";
  } catch (e) {
    return e instanceof Error && e.message === "timeout" ? "failed: timed out" : "failed";
  } finally {
    clearTimeout(timer);
  }
}
