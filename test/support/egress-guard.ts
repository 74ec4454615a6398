/**
 * Fails every outbound TCP connection that is not loopback. Slack, Microsoft and Genesys must never
 * be reached from tests; every HTTP stack in Node (fetch/undici, http, axios) ends in
 * net.Socket#connect, so this one seam covers them all.
 */
import net from "node:net";

/** Every blocked destination, `host:port`. */
export const blockedEgress: string[] = [];

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

type ConnectArgs = Parameters<net.Socket["connect"]>;

export function installEgressGuard(): void {
  const proto = net.Socket.prototype as net.Socket & { __egressGuard?: boolean };
  if (proto.__egressGuard) return;
  proto.__egressGuard = true;
  const original = proto.connect;
  proto.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (first && typeof first === "object" && "path" in first && first.path) {
      return original.apply(this, args as ConnectArgs); // unix socket: local by definition
    }
    const host =
      first && typeof first === "object"
        ? String((first as { host?: string }).host ?? "localhost")
        : typeof args[1] === "string"
          ? args[1]
          : "localhost";
    const port = first && typeof first === "object" ? (first as { port?: unknown }).port : first;
    if (!LOOPBACK.test(host)) {
      blockedEgress.push(`${host}:${String(port)}`);
      const error = Object.assign(new Error(`egress blocked by test guard: ${host}:${String(port)}`), {
        code: "EGRESS_BLOCKED",
      });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return original.apply(this, args as ConnectArgs);
  } as typeof proto.connect;
}
