// Peer (a): a bare Hocuspocus 3 server, no extensions — what a team would run instead of Roster.
import { Server } from '@hocuspocus/server';
import type { AddressInfo } from 'node:net';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
const { port } = server.httpServer.address() as AddressInfo;
console.log(`LISTENING http://127.0.0.1:${port}`);
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
