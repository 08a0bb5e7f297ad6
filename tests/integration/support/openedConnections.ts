import { connectBoard, type BoardClient } from './clients.ts';
import { openRawBoardSocket, type RawBoardSocket } from './rawBoardSocket.ts';

/**
 * The board clients and raw sockets a test file opens, closed together by `closeAll` in its
 * afterAll: a test that fails midway still leaves no socket open.
 */
export function openedConnections() {
  const clients: BoardClient[] = [];
  const sockets: RawBoardSocket[] = [];
  return {
    connect(...args: Parameters<typeof connectBoard>): BoardClient {
      const client = connectBoard(...args);
      clients.push(client);
      return client;
    },
    async openRaw(...args: Parameters<typeof openRawBoardSocket>): Promise<RawBoardSocket> {
      const socket = await openRawBoardSocket(...args);
      sockets.push(socket);
      return socket;
    },
    closeAll(): void {
      for (const client of clients) client.destroy();
      for (const socket of sockets) socket.ws.terminate();
    },
  };
}
