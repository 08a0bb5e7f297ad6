// The file store (README "Files and share links"): uploads checked by size and by their bytes,
// members-only downloads, bytes that outlive a restart — under DATA_DIR and in an S3-compatible
// bucket (s3rver, a real S3 server implementation in Node).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterApp } from '@roster/server';
import { createTestDatabase } from './support/database.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';
import { docx, mp4, pdf, png, zip } from './support/sampleFiles.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const LIMIT = 64 * 1024;
const dataDir = mkdtempSync(path.join(tmpdir(), 'roster-files-'));
let server: TestServer;
let app: RosterApp;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(LIMIT) });
  app = server.app;
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface UploadAnswer {
  status: number;
  body: {
    file?: { id: string; name: string; size: number; type: string; sha256: string };
    error?: { code: string; message: string };
  };
}

async function upload(
  base: string,
  user: Pick<TestUser, 'cookie'> | null,
  boardId: string,
  purpose: string,
  name: string,
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<UploadAnswer> {
  const response = await fetch(`${base}/api/boards/${boardId}/files?purpose=${purpose}`, {
    method: 'POST',
    headers: {
      ...(user ? { cookie: user.cookie } : {}),
      'x-file-name': encodeURIComponent(name),
      'content-type': 'application/octet-stream',
      ...headers,
    },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as UploadAnswer['body'] };
}

async function download(
  base: string,
  user: Pick<TestUser, 'cookie'> | null,
  boardId: string,
  fileId: string,
  headers = {},
) {
  return fetch(`${base}/api/boards/${boardId}/files/${fileId}`, {
    headers: { ...(user ? { cookie: user.cookie } : {}), ...headers },
  });
}

async function ownerWithBoard(name = 'Olive Owner') {
  const owner = await signUp(app, name);
  const boardId = await createBoard(app, owner);
  return { owner, boardId };
}

/** A body sent in chunks with no Content-Length, as a client that does not say its size. */
function chunked(total: number, chunk = 8192): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const bytes = new Uint8Array(Math.min(chunk, total - sent));
      if (sent === 0) bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
      sent += bytes.length;
      controller.enqueue(bytes);
    },
  });
}

describe('uploads', () => {
  it('stores a contract PDF and gives the same bytes back to a member, typed by its content', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const bytes = pdf(5000);
    const answer = await upload(app.url, owner, boardId, 'contract', 'Vertrag Müller.pdf', bytes);
    expect(answer.status).toBe(201);
    expect(answer.body.file).toMatchObject({ name: 'Vertrag Müller.pdf', size: 5000, type: 'application/pdf' });
    expect(answer.body.file!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const response = await download(app.url, owner, boardId, answer.body.file!.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''Vertrag%20M%C3%BCller.pdf");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('accepts a Word document (.docx) as a contract and an MP4 as a draft', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const word = await upload(app.url, owner, boardId, 'contract', 'terms.docx', docx());
    expect(word.status).toBe(201);
    expect(word.body.file!.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const video = await upload(app.url, owner, boardId, 'draft', 'reel-v1.mp4', mp4());
    expect(video.status).toBe(201);
    expect(video.body.file!.type).toBe('video/mp4');
  });

  it('refuses an upload larger than the limit with 413 and a sentence naming the limit, and keeps nothing', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const answer = await upload(app.url, owner, boardId, 'contract', 'huge.pdf', pdf(LIMIT + 1));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toEqual({
      code: 'file_too_large',
      message: '“huge.pdf” is larger than 64 KB, the most this server accepts.',
      field: 'file',
    });
    expect(await storedFiles(boardId)).toBe(0);
  });

  it('refuses a body that passes the limit while streaming, without a Content-Length, and leaves no partial file', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const answer = await upload(app.url, owner, boardId, 'contract', 'endless.pdf', chunked(LIMIT * 4));
    expect(answer.status).toBe(413);
    expect(answer.body.error!.message).toBe('“endless.pdf” is larger than 64 KB, the most this server accepts.');
    expect(await storedFiles(boardId)).toBe(0);
    expect(readdirSync(path.join(dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('refuses a file whose name is not an allowed type, before reading it', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const answer = await upload(app.url, owner, boardId, 'contract', 'setup.exe', pdf());
    expect(answer.status).toBe(415);
    expect(answer.body.error).toEqual({
      code: 'file_type_not_allowed',
      message: '“setup.exe” is not a PDF or a Word document (.docx).',
      field: 'file',
    });
  });

  it('refuses a file named like an allowed type whose bytes are something else', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const disguised = await upload(app.url, owner, boardId, 'contract', 'contract.pdf', html);
    expect(disguised.status).toBe(415);
    expect(disguised.body.error!.message).toBe('“contract.pdf” is not a PDF or a Word document (.docx).');
    // A ZIP that is not a Word document, named .docx.
    const archive = await upload(app.url, owner, boardId, 'contract', 'terms.docx', zip({ 'evil.sh': 'rm -rf /' }));
    expect(archive.status).toBe(415);
    // An image is a draft, not a contract, whatever its name says.
    const image = await upload(app.url, owner, boardId, 'contract', 'scan.pdf', png());
    expect(image.status).toBe(415);
    const draft = await upload(app.url, owner, boardId, 'draft', 'story.png', pdf());
    expect(draft.status).toBe(415);
    expect(draft.body.error!.message).toBe(
      '“story.png” is not an image (PNG, JPEG, GIF, WebP) or a video (MP4, MOV, WebM).',
    );
    expect(await storedFiles(boardId)).toBe(0);
  });

  it('refuses an empty file, a missing name and an unknown purpose with a sentence each', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const empty = await upload(app.url, owner, boardId, 'contract', 'empty.pdf', new Uint8Array(0));
    expect(empty).toMatchObject({ status: 400, body: { error: { message: 'The file is empty.' } } });
    const unnamed = await upload(app.url, owner, boardId, 'contract', '', pdf());
    expect(unnamed).toMatchObject({ status: 400, body: { error: { field: 'name' } } });
    const purpose = await upload(app.url, owner, boardId, 'invoice', 'a.pdf', pdf());
    expect(purpose).toMatchObject({ status: 400, body: { error: { message: 'Purpose must be contract or draft.' } } });
  });

  it('lets a viewer download but not upload, and tells a stranger the board does not exist', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const viewer = await signUp(app, 'Vera Viewer');
    const stranger = await signUp(app, 'Sam Stranger');
    await addMember(app, owner, viewer, 'viewer');
    const stored = await upload(app.url, owner, boardId, 'draft', 'teaser.png', png());
    const refused = await upload(app.url, viewer, boardId, 'draft', 'mine.png', png());
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', message: 'Only owners and editors can upload files.' } },
    });
    expect((await download(app.url, viewer, boardId, stored.body.file!.id)).status).toBe(200);
    expect((await download(app.url, stranger, boardId, stored.body.file!.id)).status).toBe(404);
    expect((await upload(app.url, stranger, boardId, 'draft', 'x.png', png())).status).toBe(404);
    expect((await download(app.url, null, boardId, stored.body.file!.id)).status).toBe(401);
    expect((await upload(app.url, null, boardId, 'draft', 'x.png', png())).status).toBe(401);
  });

  it('does not serve a file through another board, even to a member of both', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const other = await createBoard(app, owner, 'Other board');
    const stored = await upload(app.url, owner, boardId, 'draft', 'teaser.png', png());
    expect((await download(app.url, owner, other, stored.body.file!.id)).status).toBe(404);
  });

  it('refuses an upload sent from another site with the visitor’s cookie', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const answer = await upload(app.url, owner, boardId, 'draft', 'x.png', png(), { origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
    expect(await storedFiles(boardId)).toBe(0);
  });

  it('answers a byte range with 206, as a video preview seeking asks', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const bytes = mp4(10_000);
    const stored = await upload(app.url, owner, boardId, 'draft', 'reel.mp4', bytes);
    const response = await download(app.url, owner, boardId, stored.body.file!.id, { range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/10000');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.slice(100, 200));
    const beyond = await download(app.url, owner, boardId, stored.body.file!.id, { range: 'bytes=20000-' });
    expect(beyond.status).toBe(416);
  });

  it('answers hostile ids and paths with 4xx, never 5xx', async () => {
    const { owner, boardId } = await ownerWithBoard();
    const segments = ['%00', '%zz', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), 'aaaaaaaaaaaaaaaa', "'%20or%201=1--"];
    for (const segment of segments) {
      const asFile = await fetch(`${app.url}/api/boards/${boardId}/files/${segment}`, {
        headers: { cookie: owner.cookie },
      });
      const asBoard = await fetch(`${app.url}/api/boards/${segment}/files/aaaaaaaaaaaaaaaa`, {
        headers: { cookie: owner.cookie },
      });
      const asLink = await fetch(`${app.url}/api/links/${segment}/files/${segment}`);
      for (const response of [asFile, asBoard, asLink]) expect(response.status).toBeGreaterThanOrEqual(400);
      for (const response of [asFile, asBoard, asLink]) expect(response.status).toBeLessThan(500);
    }
    const badName = await upload(app.url, owner, boardId, 'draft', 'a\u0000b.png', png());
    expect(badName.status).toBe(400);
    const put = await fetch(`${app.url}/api/boards/${boardId}/files?purpose=draft`, { method: 'PUT' });
    expect(put.status).toBe(405);
  });
});

async function storedFiles(boardId: string): Promise<number> {
  const [row] = await app.services.sql<
    { count: number }[]
  >`select count(*)::int as count from files where board_id = ${boardId}`;
  return row!.count;
}

describe('files across a restart', () => {
  it('serves a file stored under DATA_DIR after the server restarts', async () => {
    const database = await createTestDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'roster-restart-'));
    try {
      let first: TestServer | null = await startTestServer({ DATA_DIR: dir }, database.url);
      const owner = await signUp(first.app, 'Rita Restart');
      const boardId = await createBoard(first.app, owner);
      const bytes = pdf(30_000);
      const stored = await upload(first.app.url, owner, boardId, 'contract', 'signed.pdf', bytes);
      expect(stored.status).toBe(201);
      await first.stop();
      first = null;
      const second = await startTestServer({ DATA_DIR: dir }, database.url);
      try {
        const response = await download(second.app.url, owner, boardId, stored.body.file!.id);
        expect(response.status).toBe(200);
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
      } finally {
        await second.stop();
      }
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('files in an S3-compatible bucket', () => {
  it('stores uploads in the bucket (not on disk) and serves them, ranges included, after a restart', async () => {
    const bucketDir = mkdtempSync(path.join(tmpdir(), 'roster-s3-'));
    const dir = mkdtempSync(path.join(tmpdir(), 'roster-s3-data-'));
    const s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      directory: bucketDir,
      silent: true,
      configureBuckets: [{ name: 'roster-files', configs: [] }],
    });
    const { port } = await s3.run();
    const env = {
      DATA_DIR: dir,
      S3_BUCKET: 'roster-files',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_PREFIX: 'roster/',
    };
    const database = await createTestDatabase();
    try {
      const first = await startTestServer(env, database.url);
      const owner = await signUp(first.app, 'Bea Bucket');
      const boardId = await createBoard(first.app, owner);
      const bytes = mp4(20_000);
      const stored = await upload(first.app.url, owner, boardId, 'draft', 'cut.mp4', bytes);
      expect(stored.status).toBe(201);
      const [row] = await first.app.services.sql<{ storage: string; storage_key: string }[]>`
        select storage, storage_key from files where id = ${stored.body.file!.id}`;
      expect(row).toEqual({ storage: 's3', storage_key: stored.body.file!.id });
      // The object is in the bucket under the prefix; DATA_DIR holds no copy.
      expect(
        readdirSync(path.join(bucketDir, 'roster-files', 'roster')).some((f) => f.startsWith(stored.body.file!.id)),
      ).toBe(true);
      expect(readdirSync(path.join(dir, 'files')).filter((f) => f !== 'tmp')).toEqual([]);
      await first.stop();

      const second = await startTestServer(env, database.url);
      try {
        const whole = await download(second.app.url, owner, boardId, stored.body.file!.id);
        expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
        const part = await download(second.app.url, owner, boardId, stored.body.file!.id, { range: 'bytes=0-15' });
        expect(part.status).toBe(206);
        expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(0, 16));
      } finally {
        await second.stop();
      }
    } finally {
      await s3.close();
      await database.drop();
      rmSync(bucketDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
