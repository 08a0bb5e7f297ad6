import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer, type WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { can, parseDocumentName, type CloseCodeName, type Role } from '@roster/shared';
import type { SessionStore } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { ApiTokens } from '../domain/apiTokens.ts';
import type { Boards } from '../domain/boards.ts';
import type { Logger } from '../log.ts';
import { checkUpdate } from './checkUpdate.ts';
import { buckets, closeWithin, guardLimits, type GuardConfig } from './connectionGuard.ts';
import { identifyUpgrade } from './identifyUpgrade.ts';

/** Where plain y-websocket clients connect: `/yjs/<document name>?token=…`. */
export const YJS_PATH_PREFIX = '/yjs/';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export interface YWebsocketDeps {
  hocuspocus: Hocuspocus;
  boards: Pick<Boards, 'access' | 'get'>;
  sessions: SessionStore;
  apiTokens?: Pick<ApiTokens, 'authenticate'>;
  log: Logger;
}

type EndpointConfig = Pick<Config, 'ORIGIN' | 'SESSION_CHECK_INTERVAL_MS'> & GuardConfig;

interface Access {
  role: Role;
  /** Asked again every SESSION_CHECK_INTERVAL_MS: a revoked token or an ended membership closes the socket. */
  recheck: () => Promise<Role | null>;
}

/**
 * A second WebSocket endpoint that speaks the plain y-websocket protocol (sync step 1/2 and
 * updates, no document name in the messages: it is the URL's last segment), so any Yjs client —
 * `y-websocket` in a script, `pycrdt-websocket` in Python — can read and write a board. It serves
 * the same live documents as /collab (Hocuspocus direct connections), so browsers see its edits
 * at once and persistence stores them like any server-side change. Same rules: an API token
 * (`?token=roster_…`), a collab token or the session cookie; the board must be in a workspace the
 * identity belongs to; viewers' and read tokens' updates are dropped; every update passes the
 * same checks as a browser's (checkUpdate) and the connection's rate limits. Awareness (presence)
 * is not relayed on this endpoint.
 */
export function createYWebsocketEndpoint(config: EndpointConfig, deps: YWebsocketDeps) {
  const { log } = deps;
  const limits = guardLimits(config);
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.MAX_MESSAGE_BYTES });

  async function authorize(
    request: IncomingMessage,
    url: URL,
    boardId: string,
  ): Promise<{ ok: true; access: Access } | { ok: false; name: CloseCodeName }> {
    const token = url.searchParams.get('token');
    if (token?.startsWith('roster_') && deps.apiTokens) {
      const apiTokens = deps.apiTokens;
      const roleOfToken = async () => {
        const identity = await apiTokens.authenticate(token);
        const board = identity ? await deps.boards.get(boardId) : null;
        if (!identity || !board || board.archivedAt || board.workspaceId !== identity.workspaceId) return null;
        return identity.actor.role;
      };
      const role = await roleOfToken();
      return role ? { ok: true, access: { role, recheck: roleOfToken } } : { ok: false, name: 'Unauthorized' };
    }
    const identity = await identifyUpgrade(request, url, config.ORIGIN, deps.sessions);
    if (!identity.ok) return { ok: false, name: identity.name };
    const roleOfMember = async () => {
      const access = await deps.boards.access(boardId, identity.user.id);
      return access && !access.board.archivedAt ? access.role : null;
    };
    const role = await roleOfMember();
    return role ? { ok: true, access: { role, recheck: roleOfMember } } : { ok: false, name: 'NotFound' };
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    socket.on('error', () => socket.destroy());
    const unanswered = setTimeout(() => socket.destroy(), config.UPGRADE_TIMEOUT_MS);
    unanswered.unref();
    let documentName = '';
    try {
      documentName = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
    } catch {
      documentName = '';
    }
    const ref = parseDocumentName(documentName);
    const decided = ref
      ? authorize(request, url, ref.boardId)
      : Promise.resolve({ ok: false as const, name: 'NotFound' as const });
    decided
      .then((decision) => {
        if (socket.destroyed) return;
        wss.handleUpgrade(request, socket, head, (websocket) => {
          clearTimeout(unanswered);
          websocket.on('error', (error) => log.debug('y-websocket error', { error: String(error) }));
          if (!decision.ok) return closeWithin(websocket, decision.name, config.UPGRADE_TIMEOUT_MS);
          void serve(websocket, documentName, decision.access).catch((error: unknown) => {
            log.error('y-websocket connection failed', { documentName, error: String(error) });
            closeWithin(websocket, 'BadMessage', config.UPGRADE_TIMEOUT_MS);
          });
        });
      })
      .catch((error: unknown) => {
        clearTimeout(unanswered);
        log.error('y-websocket upgrade failed', { error: String(error) });
        socket.destroy();
      });
  }

  async function serve(websocket: WebSocket, documentName: string, access: Access): Promise<void> {
    // Messages that arrive while the document loads wait for it (bounded by the rate limits).
    const early: Uint8Array[] = [];
    const collectEarly = (data: Buffer) => early.push(new Uint8Array(data));
    websocket.on('message', collectEarly);
    const connection = await deps.hocuspocus.openDirectConnection(documentName, { yWebsocket: true });
    if (websocket.readyState !== websocket.OPEN) {
      await connection.disconnect();
      return;
    }
    const doc = connection.document!;
    let role: Role = access.role;
    const origin = { yWebsocket: documentName };
    // The same per-connection limits as a /collab socket.
    const rate = buckets(limits.connection, limits);
    const send = (message: Uint8Array) => {
      if (websocket.readyState === websocket.OPEN) websocket.send(message);
    };
    const onUpdate = (update: Uint8Array, updateOrigin: unknown) => {
      if (updateOrigin === origin) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      send(encoding.toUint8Array(encoder));
    };
    doc.on('update', onUpdate);

    let closed = false;
    const end = (name?: CloseCodeName) => {
      if (closed) return;
      closed = true;
      doc.off('update', onUpdate);
      clearInterval(recheck);
      void connection.disconnect();
      if (name) closeWithin(websocket, name, config.UPGRADE_TIMEOUT_MS);
    };
    const recheck = setInterval(() => {
      access
        .recheck()
        .then((now) => (now ? (role = now) : end('Forbidden')))
        .catch((error: unknown) => log.error('y-websocket access check failed', { error: String(error) }));
    }, config.SESSION_CHECK_INTERVAL_MS);
    recheck.unref();
    websocket.on('close', () => end());

    const handle = (data: Uint8Array) => {
      if (closed) return;
      if (!rate.messages.take(1) || !rate.bytes.take(data.byteLength)) return end('TooManyMessages');
      try {
        const decoder = decoding.createDecoder(data);
        const type = decoding.readVarUint(decoder);
        if (type === MESSAGE_AWARENESS) return; // presence is not relayed here
        if (type !== MESSAGE_SYNC) return end('BadMessage');
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.writeSyncStep2(encoder, doc, decoding.readVarUint8Array(decoder));
          send(encoding.toUint8Array(encoder));
          return;
        }
        if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate)
          return end('BadMessage');
        const update = decoding.readVarUint8Array(decoder);
        // A viewer's or read token's changes are dropped, as on /collab.
        if (!can(role, 'board.edit')) return;
        const problem = checkUpdate(update, doc);
        if (problem) {
          log.warn('y-websocket update refused', { documentName, problem });
          return end('BadMessage');
        }
        Y.applyUpdate(doc, update, origin);
      } catch {
        end('BadMessage');
      }
    };

    websocket.off('message', collectEarly);
    websocket.on('message', (data: Buffer) => handle(new Uint8Array(data)));
    // The server's side of the handshake: its state vector, so the client sends what it has.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
    send(encoding.toUint8Array(encoder));
    for (const data of early) handle(data);
  }

  return {
    handleUpgrade,
    close: () => wss.clients.forEach((client) => client.terminate()),
  };
}
