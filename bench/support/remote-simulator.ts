/**
 * A simulator running in a child process (simulator-process.ts): its URL, and its request counts
 * read over IPC. Benchmarks use it where the simulator's own CPU would otherwise share the app's
 * event loop and be counted as ours.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { Fixture, SimulatorStats } from "../../src/genesys-sim/index.js";

export type SimulatorRequest = { id: number; kind: "stats" | "resetStats" };
export type SimulatorResponse = { id: number; url?: string; stats?: SimulatorStats; cpuMs?: number };

export interface RemoteSimulator {
  url: string;
  /** The counts, and the CPU time the simulator's process has used so far. */
  stats(): Promise<SimulatorStats & { cpuMs: number }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteSimulator(fixture: Fixture): Promise<RemoteSimulator> {
  const script = path.join(import.meta.dirname, "simulator-process.ts");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
  });
  const waiting = new Map<number, (r: SimulatorResponse) => void>();
  child.on("message", (r: SimulatorResponse) => {
    waiting.get(r.id)?.(r);
    waiting.delete(r.id);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the simulator process exited (${code})`))),
  );
  exited.catch(() => {});
  let next = 0;
  const ask = (kind: SimulatorRequest["kind"] | "start", payload: unknown) => {
    const id = kind === "start" ? 0 : ++next;
    const answer = new Promise<SimulatorResponse>((resolve) => waiting.set(id, resolve));
    child.send(payload ?? { id, kind });
    return Promise.race([answer, exited]);
  };
  const { url } = await ask("start", fixture);
  if (!url) throw new Error("the simulator process did not say its URL");
  const stats = async () => {
    const r = await ask("stats", undefined);
    if (!r.stats) throw new Error("the simulator process sent no stats");
    return { ...r.stats, cpuMs: r.cpuMs ?? 0 };
  };
  return {
    url,
    stats,
    async resetStats() {
      await ask("resetStats", undefined);
    },
    async close() {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.disconnect();
      await gone;
    },
  };
}
