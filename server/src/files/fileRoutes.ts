import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SESSION_COOKIE, type Problem } from '@roster/shared';
import type { SessionStore } from '../auth/sessions.ts';
import { readCookie } from '../collab/identifyUpgrade.ts';
import type { Logger } from '../log.ts';
import type { Failure } from '../validation.ts';
import type { ByteRange } from './blobStorage.ts';
import type { Files, StoredFile } from './Files.ts';

/**
 * A file a share link may fetch: the link's own check (token, expiry, which files its creator's
 * cells name) lives with the links; null means "no such file for this link".
 */
export type LinkFileLookup = (
  token: string,
  fileId: string,
  clientKey: string,
) => Promise<{ ok: true; file: StoredFile } | { ok: false; status: 404 | 410 | 429; error: Problem }>;

const UPLOAD = /^\/api\/boards\/([^/]+)\/files$/;
const DOWNLOAD = /^\/api\/boards\/([^/]+)\/files\/([^/]+)$/;
const LINK_DOWNLOAD = /^\/api\/links\/([^/]+)\/files\/([^/]+)$/;
/** After refusing a body it has not read, the server reads on this long at most so the client sees the answer. */
const DRAIN_MS = 2000;
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * The file routes, answered by the server itself before the SvelteKit app: an upload streams to
 * the file store with its own size limit (UPLOAD_MAX_BYTES), which adapter-node's one body limit
 * for every route (BODY_SIZE_LIMIT, 512 KB) would refuse, and a download streams back with Range
 * support (video previews seek). Returns false for every other request.
 *
 * - `POST /api/boards/:boardId/files?purpose=contract|draft`: the body is the file, its name in
 *   `X-File-Name` (percent-encoded); `201 { file }`.
 * - `GET /api/boards/:boardId/files/:fileId`: the bytes, for members.
 * - `GET /api/links/:token/files/:fileId`: the bytes, through a share link, for the files it shows.
 */
export function createFileRoutes(deps: {
  files: Files;
  sessions: SessionStore;
  configuredOrigin: string | undefined;
  linkFile: LinkFileLookup;
  log: Logger;
}) {
  const { files, sessions, log } = deps;

  async function upload(req: IncomingMessage, res: ServerResponse, boardId: string, url: URL): Promise<void> {
    if (!sameOrigin(req, deps.configuredOrigin))
      return refuseUnread(req, res, 403, { code: 'foreign_origin', message: 'Uploads must come from this site.' });
    const session = await sessions.validate(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!session) return refuseUnread(req, res, 401, { code: 'signed_out', message: 'You are not signed in.' });
    const declared = req.headers['content-length'];
    const declaredSize = declared !== undefined && /^\d{1,15}$/.test(declared) ? Number(declared) : null;
    const checked = await files.checkUpload(session.user.id, boardId, {
      purpose: url.searchParams.get('purpose'),
      name: decodeName(req.headers['x-file-name']),
      declaredSize,
    });
    if (!checked.ok) return refuseUnread(req, res, checked.status, checked.error);
    const stored = await files.store(session.user, boardId, checked, req);
    if (!stored.ok) {
      // A body cut off at the limit was not read to its end.
      if (!req.readableEnded) return refuseUnread(req, res, stored.status, stored.error);
      return sendJson(res, stored.status, { error: stored.error });
    }
    sendJson(res, 201, { file: stored.file });
  }

  async function download(req: IncomingMessage, res: ServerResponse, file: StoredFile): Promise<void> {
    const range = parseRange(req.headers.range, file.size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'content-range': `bytes */${file.size}` }).end();
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': file.type,
      'content-disposition': contentDisposition(file),
      'accept-ranges': 'bytes',
      etag: `"${file.sha256}"`,
      'cache-control': 'private, max-age=3600',
      // What the bytes are was decided at upload; never let a browser guess otherwise or run anything.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'; media-src 'self'; img-src 'self'",
    };
    if (req.headers['if-none-match'] === headers.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${file.size}`;
      headers['content-length'] = range.end - range.start + 1;
    } else {
      headers['content-length'] = file.size;
    }
    if (req.method === 'HEAD') {
      res.writeHead(range ? 206 : 200, headers).end();
      return;
    }
    let body: Readable;
    try {
      body = await files.read(file, range ?? undefined);
    } catch (error) {
      log.error('stored file unreadable', { fileId: file.id, error: String(error) });
      return sendJson(res, 500, {
        error: { code: 'file_unreadable', message: 'The file could not be read from storage.' },
      });
    }
    res.writeHead(range ? 206 : 200, headers);
    await pipeline(body, res).catch(() => {}); // the client went away
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let match = UPLOAD.exec(url.pathname);
    if (match) {
      if (method !== 'POST') return methodNotAllowed(req, res, 'POST');
      await upload(req, res, segment(match[1]!), url);
      return true;
    }
    match = DOWNLOAD.exec(url.pathname);
    if (match) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(req, res, 'GET, HEAD');
      const session = await sessions.validate(readCookie(req.headers.cookie, SESSION_COOKIE));
      if (!session) return sent(refuseUnread(req, res, 401, { code: 'signed_out', message: 'You are not signed in.' }));
      const found = await files.forMember(session.user.id, segment(match[1]!), segment(match[2]!));
      if (!found.ok) return sent(refuseUnread(req, res, found.status, found.error));
      await download(req, res, found.file);
      return true;
    }
    match = LINK_DOWNLOAD.exec(url.pathname);
    if (match) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(req, res, 'GET, HEAD');
      const found = await deps.linkFile(segment(match[1]!), segment(match[2]!), clientKey(req));
      if (!found.ok) return sent(refuseUnread(req, res, found.status, found.error));
      await download(req, res, found.file);
      return true;
    }
    return false;
  }

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0]!;
    if (!path.startsWith('/api/boards/') && !path.startsWith('/api/links/')) return false;
    if (!UPLOAD.test(path) && !DOWNLOAD.test(path) && !LINK_DOWNLOAD.test(path)) return false;
    handle(req, res).catch((error: unknown) => {
      log.error('file route failed', { url: path, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent)
        refuseUnread(req, res, 500, { code: 'internal', message: 'Something went wrong on the server.' });
      else res.destroy();
    });
    return true;
  };
}

export type FileRouteHandler = ReturnType<typeof createFileRoutes>;

function sent(_: void): true {
  return true;
}

function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string): true {
  res.setHeader('allow', allow);
  refuseUnread(req, res, 405, { code: 'method_not_allowed', message: `Use ${allow}.` });
  return true;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/**
 * Answers before (or without) reading the rest of the body. Node would read all of it to keep the
 * connection; a 2 GB upload refused for its size must not be received, so the connection closes —
 * after a short drain, so that the client (still sending) reads the answer rather than a reset.
 */
function refuseUnread(req: IncomingMessage, res: ServerResponse, status: Failure['status'] | number, error: Problem) {
  if (!req.readableEnded) res.setHeader('connection', 'close');
  sendJson(res, status, { error });
  if (req.readableEnded) return;
  let drained = 0;
  const stop = () => req.destroy();
  const timer = setTimeout(stop, DRAIN_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) stop();
  });
  req.on('end', () => clearTimeout(timer));
  req.on('error', () => clearTimeout(timer));
  req.resume();
}

function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

function decodeName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}

/** A browser's upload must come from our own pages (the session cookie rides along with any site's request). */
function sameOrigin(req: IncomingMessage, configuredOrigin: string | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: a script with the cookie
  if (configuredOrigin) return origin === new URL(configuredOrigin).origin;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** One `bytes=start-end` range (what media elements ask for); several ranges get the whole file. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** Images, video and PDFs show in the browser; Word documents download. The name is sent encoded (RFC 6266). */
function contentDisposition(file: StoredFile): string {
  const inline = file.type.startsWith('image/') || file.type.startsWith('video/') || file.type === 'application/pdf';
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`;
}

/** Who a public request counts against: its address (an IPv6 address by its /64, as sign-in does). */
export function clientKey(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  if (address.includes(':') && !address.startsWith('::ffff:')) return address.split(':').slice(0, 4).join(':');
  return address.replace(/^::ffff:/, '');
}
