import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Config } from './config.ts';
import { createSql, type Sql } from './db/client.ts';
import type { EmbeddedDatabase } from './db/embeddedPostgres.ts';
import { migrate } from './db/migrate.ts';
import { createApplyOperation } from './collab/applyOperation.ts';
import { createReadLiveBoard } from './collab/readLiveBoard.ts';
import { WorkspaceAqsBands } from './domain/aqsBands.ts';
import { SnapshotScheduler } from './history/SnapshotScheduler.ts';
import { Snapshots } from './history/Snapshots.ts';
import { OverdueCheck } from './payments/OverdueCheck.ts';
import { PaymentIndex } from './payments/PaymentIndex.ts';
import { PaymentIndexExtension } from './payments/PaymentIndexExtension.ts';
import { BoardPreviews } from './previews/BoardPreviews.ts';
import { PreviewBuilder } from './previews/PreviewBuilder.ts';
import { WebhookDeliverer } from './webhooks/WebhookDeliverer.ts';
import { WebhookOutbox } from './webhooks/WebhookOutbox.ts';
import { createOutreach } from './outreach/outreach.ts';
import { createCollabServer } from './collab/createCollabServer.ts';
import { createLogger, type Logger } from './log.ts';
import { createBlobStorage, filesDir } from './files/blobStorage.ts';
import { Files } from './files/Files.ts';
import { createFileRoutes } from './files/fileRoutes.ts';
import { ShareLinks } from './shareLinks/ShareLinks.ts';
import { ContentReview } from './shareLinks/ContentReview.ts';
import { createLinkFileLookup } from './shareLinks/linkFiles.ts';
import { createDomain, provideServices, type Services } from './services.ts';

/** The header adapter-node reads the request's protocol from (its PROTOCOL_HEADER setting). */
export const PROTOCOL_HEADER = 'x-roster-protocol';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface RosterApp {
  server: Server;
  services: Services;
  /** Base URL the app listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Stops accepting, stores every document, closes the database. */
  close(): Promise<void>;
}

/**
 * The composition root: config → database → domain → collab server → one HTTP server that
 * serves the web app and accepts WebSocket upgrades on /collab. Tests call it with port 0.
 */
export async function startRoster(
  config: Config,
  options: { loadWebHandler?: () => Promise<RequestHandler>; log?: Logger } = {},
): Promise<RosterApp> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    // Imported only when used: the package hooks process signals as soon as it loads.
    const { startEmbeddedPostgres } = await import('./db/embeddedPostgres.ts');
    embedded = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, log);
    databaseUrl = embedded.url;
  }
  const sql = createSql(databaseUrl);
  const appendSql = createSql(databaseUrl, { max: 1 });
  const applied = await migrate(sql);
  if (applied.length) log.info('applied migrations', { applied });

  const domain = createDomain(sql);
  const webhookOutbox = new WebhookOutbox(sql, log);
  await webhookOutbox.targets.listen();
  domain.webhooks.changed = () => webhookOutbox.targets.forget();
  const snapshots = new Snapshots(sql, domain.boards, config.SNAPSHOT_KEEP);
  const paymentIndex = new PaymentIndex(sql);
  const boardPreviews = new BoardPreviews(sql);
  const previewBuilder = new PreviewBuilder(
    { databaseUrl, logLevel: config.LOG_LEVEL, minCreators: config.PREVIEW_MIN_CREATORS },
    log,
  );
  const collab = await createCollabServer(config, {
    webhookOutbox,
    paymentIndex: new PaymentIndexExtension(paymentIndex, log),
    previews: { builder: previewBuilder, store: boardPreviews },
    apiTokens: domain.apiTokens,
    snapshotScheduler: new SnapshotScheduler(snapshots, config.SNAPSHOT_INTERVAL_MS, log),
    sql,
    appendSql,
    sessions: domain.sessions,
    boards: domain.boards,
    log,
  });
  domain.accessEvents.target = collab.accessEvents;
  const applyOperation = createApplyOperation(collab.hocuspocus, domain.boards);
  const readLiveBoard = createReadLiveBoard(collab.hocuspocus);
  snapshots.attach(collab.hocuspocus, applyOperation);
  const aqsBands = new WorkspaceAqsBands(domain.workspaces, domain.boards, applyOperation, log);
  const files = new Files(
    sql,
    domain.boards,
    await createBlobStorage(config),
    path.join(filesDir(config), 'tmp'),
    config.UPLOAD_MAX_BYTES,
    log,
  );
  const shareLinks = new ShareLinks(sql, domain.boards, config.SHARE_LINK_REQUESTS_PER_MINUTE);
  const fileRoutes = createFileRoutes({
    files,
    sessions: domain.sessions,
    configuredOrigin: config.ORIGIN,
    linkFile: createLinkFileLookup(collab.hocuspocus, shareLinks, files),
    log,
  });
  const overdueCheck = new OverdueCheck(paymentIndex, webhookOutbox, config.PAYMENT_CHECK_INTERVAL_MS, log);
  const outreach = createOutreach(config, { ...domain, sql, applyOperation, readLiveBoard, log });
  const services: Services = {
    sql,
    log,
    collab,
    applyOperation,
    readLiveBoard,
    aqsBands,
    snapshots,
    files,
    shareLinks,
    contentReview: new ContentReview(shareLinks, readLiveBoard, applyOperation),
    payments: { index: paymentIndex, overdueCheck },
    boardPreviews,
    previewBuilder,
    outreach,
    ...domain,
  };
  provideServices(services);
  const deliverer = new WebhookDeliverer(sql, log, {
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    pollMs: config.WEBHOOK_POLL_MS,
  });
  deliverer.start();
  overdueCheck.start();
  outreach.sender.start();
  // Loaded only now: the web app reads the services when its modules first run.
  const webHandler = options.loadWebHandler ? await options.loadWebHandler() : null;

  const server = createServer(httpServerOptions(config), (req, res) => {
    if (req.url === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      void healthz(sql, res);
      return;
    }
    // Uploads and downloads stream past SvelteKit (files/fileRoutes.ts says why).
    if (fileRoutes(req, res)) return;
    if (webHandler) {
      // adapter-node assumes https unless told the protocol (PROTOCOL_HEADER, set in main.ts);
      // we say what this socket really is, overwriting anything a client sent.
      req.headers[PROTOCOL_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
      webHandler(req, res, () => notFound(res));
    } else {
      notFound(res);
    }
  });
  server.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      server.close();
      await overdueCheck.stop();
      await deliverer.stop();
      await outreach.sender.stop();
      await collab.shutdown();
      // Closed by the collab server's shutdown too; here as well in case that failed midway.
      await previewBuilder.close();
      files.storage.close?.();
      server.closeAllConnections();
      await Promise.all([sql.end({ timeout: 5 }), appendSql.end({ timeout: 5 })]);
      await embedded?.stop();
    })());

  return { server, services, url, close };
}

/** Slowloris: a request (an upgrade included) must send its headers, then all of itself, in time. */
function httpServerOptions(config: Config): ServerOptions {
  return {
    headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    // Node checks those deadlines every connectionsCheckingInterval (30 s by default).
    connectionsCheckingInterval: Math.min(1000, config.HTTP_HEADERS_TIMEOUT_MS),
  };
}

async function healthz(sql: Sql, res: ServerResponse): Promise<void> {
  try {
    await Promise.race([
      sql`select 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('database timeout')), 2000)),
    ]);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  } catch {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false,"error":"database unavailable"}');
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
}
