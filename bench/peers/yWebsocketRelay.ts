// Peer (b): the reference Yjs relay, y-websocket 2.1's bundled server (bin/utils.cjs
// setupWSConnection, which works with yjs 13.6) — the floor. No auth, no persistence.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { WebSocketServer, type WebSocket } from 'ws';
import type { IncomingMessage } from 'node:http';

const require = createRequire(import.meta.url);
const { setupWSConnection } = require('y-websocket/bin/utils') as {
  setupWSConnection(conn: WebSocket, req: IncomingMessage, options?: { gc?: boolean }): void;
};

const server = http.createServer((_req, res) => res.writeHead(200).end('ok'));
const wss = new WebSocketServer({ server });
wss.on('connection', (conn, req) => setupWSConnection(conn, req, { gc: true }));
server.listen(0, '127.0.0.1', () => {
  console.log(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
