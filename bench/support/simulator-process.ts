/**
 * The simulator in its own process, for benchmarks that must not charge its CPU to the app (real
 * Genesys is not in our process). Spawned by remote-simulator.ts with an IPC channel: the first
 * message is the fixture; then it answers "stats" and "resetStats" requests until the channel closes.
 */
import { type Fixture, startSimulator } from "../../src/genesys-sim/index.js";
import type { SimulatorRequest, SimulatorResponse } from "./remote-simulator.js";

const send = (message: SimulatorResponse) => process.send?.(message);

process.once("message", async (fixture: Fixture) => {
  const sim = await startSimulator({ fixture });
  process.on("message", (request: SimulatorRequest) => {
    if (request.kind === "resetStats") sim.resetStats();
    const cpu = process.cpuUsage();
    send({ id: request.id, stats: sim.stats(), cpuMs: (cpu.user + cpu.system) / 1000 });
  });
  // The parent closing the channel (or dying) ends the simulator with it.
  process.once("disconnect", () => void sim.close().then(() => process.exit(0)));
  send({ id: 0, url: sim.url });
});
