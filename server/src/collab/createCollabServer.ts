import type { ApiTokens } from '../domain/apiTokens.ts';
import { createYWebsocketEndpoint, YJS_PATH_PREFIX } from './yWebsocketEndpoint.ts';
import { WebhookExtension } from '../webhooks/WebhookExtension.ts';
import type { WebhookOutbox } from '../webhooks/WebhookOutbox.ts';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import { WebSocketServer } from 'ws';
import { CloseCode, COLLAB_PATH } from '@roster/shared';
import type { Config } from '../config.ts';
import type { Sql } from '../db/client.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { AccessEvents } from '../domain/accessEvents.ts';
import type { Boards } from '../domain/boards.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../log.ts';
import { createAccessBroadcast } from './accessBroadcast.ts';
import { createAccessEnforcer } from './accessEnforcer.ts';
import { AuthenticationExtension } from './AuthenticationExtension.ts';
import { BoardStatsExtension } from './BoardStatsExtension.ts';
import type { ConnectionContext } from './connectionContext.ts';
import {
  closeWithin,
  ConnectionGuardExtension,
  ConnectionGuards,
  guardLimits,
  type GuardConfig,
} from './connectionGuard.ts';
import { DocumentStore } from './documentStore.ts';
import { assertTestedHocuspocus, HocuspocusPatchesExtension } from './hocuspocusPatches.ts';
import { identifyUpgrade } from './identifyUpgrade.ts';
import { PersistenceExtension } from './PersistenceExtension.ts';
import { PresencePolicy } from './presencePolicy.ts';
import { BoardPreviewExtension } from '../previews/BoardPreviewExtension.ts';
import type { BoardPreviews } from '../previews/BoardPreviews.ts';
import type { PreviewBuilder } from '../previews/PreviewBuilder.ts';
import { SessionSockets } from './SessionSockets.ts';

export interface CollabDeps {
  sql: Sql;
  /** A separate connection for update-log appends (see DocumentStore). */
  appendSql?: Sql;
  sessions: SessionStore;
  boards: Boards;
  log: Logger;
  /** API tokens, accepted by the y-websocket endpoint (`?token=roster_…`). */
  apiTokens?: Pick<ApiTokens, 'authenticate'>;
  /** Takes board snapshots while boards change (history); none: no scheduled snapshots. */
  snapshotScheduler?: Extension;
  /** Where webhook events of live boards go; none: no webhook events. */
  webhookOutbox?: WebhookOutbox;
  /** Keeps the payment index of boards (payments/); none: no index. */
  paymentIndex?: Extension;
  /** Builds board previews (previews/) in a worker thread; none: no previews are built. */
  previews?: { builder: PreviewBuilder; store: BoardPreviews };
}

export interface CollabServer {
  hocuspocus: Hocuspocus;
  /** Access changes to apply to open connections (on every instance when Redis is on). */
  accessEvents: AccessEvents;
  /** Handles an HTTP upgrade; refuses anything but an authenticated, same-origin `/collab`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stores every loaded document, closes every connection. */
  shutdown(): Promise<void>;
}

/** The one place Hocuspocus is configured; production and tests both call it. */
export async function createCollabServer(
  config: Pick<
    Config,
    | 'MAX_MESSAGE_BYTES'
    | 'REDIS_URL'
    | 'ORIGIN'
    | 'STORE_DEBOUNCE_MS'
    | 'STORE_MAX_DEBOUNCE_MS'
    | 'BOARD_INDEX_INTERVAL_MS'
    | 'PREVIEW_MIN_CREATORS'
    | 'PREVIEW_INTERVAL_MS'
    | 'COMPACT_MIN_LOG_BYTES'
    | 'SESSION_CHECK_INTERVAL_MS'
  > &
    GuardConfig,
  deps: CollabDeps,
): Promise<CollabServer> {
  // Before anything is built: the patches are written against one Hocuspocus version.
  assertTestedHocuspocus();
  const { log } = deps;
  const store = new DocumentStore(deps.sql, newId(), deps.appendSql);
  const redis = config.REDIS_URL ? new Redis({ ...redisOptions(config.REDIS_URL), prefix: 'roster' }) : null;
  const persistence = new PersistenceExtension(store, log, {
    mergeWithStored: Boolean(redis),
    compactMinLogBytes: config.COMPACT_MIN_LOG_BYTES,
    otherInstancesOrigin: redis?.redisTransactionOrigin,
  });
  const presence = new PresencePolicy();
  const guards = new ConnectionGuards(guardLimits(config), log, (connection, message) =>
    presence.filter(connection, message),
  );
  // Hocuspocus runs them in the order of their priority (extensionPriority.ts), not of this list.
  const extensions: Extension[] = [
    new ConnectionGuardExtension(),
    new AuthenticationExtension(deps.boards, deps.sessions),
    new HocuspocusPatchesExtension(),
    new BoardStatsExtension(deps.boards, log, config.BOARD_INDEX_INTERVAL_MS),
    persistence,
  ];
  if (redis) extensions.push(redis);
  if (deps.snapshotScheduler) extensions.push(deps.snapshotScheduler);
  if (deps.paymentIndex) extensions.push(deps.paymentIndex);
  if (deps.previews)
    extensions.push(
      new BoardPreviewExtension(deps.previews.builder, deps.previews.store, () => persistence.settled(), log, {
        intervalMs: config.PREVIEW_INTERVAL_MS,
        minCreators: config.PREVIEW_MIN_CREATORS,
      }),
    );
  if (deps.webhookOutbox) extensions.push(new WebhookExtension(deps.webhookOutbox, redis?.redisTransactionOrigin));

  const hocuspocus = new Hocuspocus({
    name: `roster-${store.instance}`,
    quiet: true,
    debounce: config.STORE_DEBOUNCE_MS,
    maxDebounce: config.STORE_MAX_DEBOUNCE_MS,
    extensions,
  });

  const sessionSockets = new SessionSockets(
    (sessionIds) => deps.sessions.ended(sessionIds),
    config.SESSION_CHECK_INTERVAL_MS,
    log,
  );
  const enforcer = createAccessEnforcer(hocuspocus, sessionSockets);
  const broadcast = config.REDIS_URL ? await createAccessBroadcast(config.REDIS_URL, enforcer, log) : null;
  const accessEvents = broadcast ?? enforcer;

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.MAX_MESSAGE_BYTES });
  const yWebsocket = createYWebsocketEndpoint(config, {
    hocuspocus,
    boards: deps.boards,
    sessions: deps.sessions,
    apiTokens: deps.apiTokens,
    log,
  });

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith(YJS_PATH_PREFIX)) {
      yWebsocket.handleUpgrade(request, socket, head, url);
      return;
    }
    if (url.pathname !== COLLAB_PATH) {
      socket.destroy();
      return;
    }
    socket.on('error', () => socket.destroy());
    // The HTTP server's timeouts end with the upgrade: a client (or a database) that stalls the
    // answer must not hold the socket.
    const unanswered = setTimeout(() => socket.destroy(), config.UPGRADE_TIMEOUT_MS);
    unanswered.unref();
    identifyUpgrade(request, url, config.ORIGIN, deps.sessions)
      .then((identity) => {
        if (socket.destroyed) return;
        wss.handleUpgrade(request, socket, head, (websocket) => {
          clearTimeout(unanswered);
          // First, on every socket: an invalid frame (ws raises it as an 'error' event) must end
          // that socket, never the process.
          websocket.on('error', (error) => log.debug('websocket error', { error: String(error) }));
          if (!identity.ok) {
            // Accept-then-close so the browser learns *why* (a refused HTTP upgrade has no code).
            // The socket never reaches Hocuspocus, which would queue its messages without bound.
            closeWithin(websocket, identity.name, config.UPGRADE_TIMEOUT_MS);
            return;
          }
          const guard = guards.guard(websocket, identity.user.id);
          const forget = sessionSockets.add(identity.sessionId, () => guard.end('Unauthorized', 'its session ended'));
          websocket.once('close', forget);
          const context: ConnectionContext = {
            user: identity.user,
            sessionId: identity.sessionId,
            tokenId: identity.tokenId,
            upgradeCheck: { fresh: true },
            guard,
          };
          hocuspocus.handleConnection(websocket, request, context);
        });
      })
      .catch((error: unknown) => {
        clearTimeout(unanswered);
        log.error('websocket upgrade failed', { error: String(error) });
        socket.destroy();
      });
  }

  async function shutdown(): Promise<void> {
    const documents = [...hocuspocus.documents.values()];
    await Promise.allSettled(
      documents.map((document) =>
        persistence.compact(document.name, document).catch((error: unknown) =>
          log.error('final store failed; the update log keeps the edits', {
            documentName: document.name,
            error: String(error),
          }),
        ),
      ),
    );
    sessionSockets.stop();
    for (const client of wss.clients) client.terminate();
    yWebsocket.close();
    await broadcast?.close();
    await Promise.allSettled(extensions.map((extension) => extension.onDestroy?.({ instance: hocuspocus })));
  }

  return { hocuspocus, accessEvents, handleUpgrade, shutdown };
}

function redisOptions(url: string): { host: string; port: number; options?: Record<string, unknown> } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    options: {
      password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
      username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
      db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined,
      tls: parsed.protocol === 'rediss:' ? {} : undefined,
    },
  };
}

export { CloseCode };
