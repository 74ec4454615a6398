/**
 * WebSocket upgrades for notification channels. Genesys serves them from `streaming.<domain>`; the
 * simulator keeps its path-prefix scheme, so a channel's connectUri is
 * `ws://<sim>/streaming.<domain>/channels/<id>` and a channel of one region is unknown in another.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { NotificationHub } from "./notification-hub.js";

export function attachNotificationSockets(server: Server, hub: NotificationHub): () => void {
  const wss = new WebSocketServer({ noServer: true });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    const m = /^\/streaming\.([^/]+)\/channels\/([^/]+)$/.exec(url.pathname);
    if (!m?.[1] || !m[2] || !hub.accepts(m[2], m[1].toLowerCase())) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const channelId = m[2];
    wss.handleUpgrade(req, socket, head, (ws) => hub.attach(channelId, ws));
  };
  server.on("upgrade", onUpgrade);
  return () => {
    server.off("upgrade", onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
