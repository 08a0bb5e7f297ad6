import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import {
  ALLOWED_SENTENCE,
  ALLOWED_TYPES,
  can,
  FILE_PURPOSES,
  formatBytes,
  nameFitsPurpose,
  SNIFF_BYTES,
  sniffFileType,
  type FilePurpose,
  type FileType,
} from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { Boards } from '../domain/boards.ts';
import { isId, newId } from '../ids.ts';
import type { Logger } from '../log.ts';
import { denied, fail, type Failure, type Result } from '../validation.ts';
import type { BlobStorage, ByteRange } from './blobStorage.ts';

/** A stored file as the API answers it. */
export interface StoredFile {
  id: string;
  boardId: string;
  purpose: FilePurpose;
  name: string;
  type: string;
  size: number;
  sha256: string;
  createdBy: string | null;
  createdAt: Date;
}

const NAME_MAX = 200;
// C0 and C1 controls, DEL, and path separators: a name is shown and sent back in
// Content-Disposition, never used as a path, but none of these belongs in it.
// eslint-disable-next-line no-control-regex
const BAD_NAME = /[\u0000-\u001f\u007f-\u009f/\\]/;
/** A DOCX is a ZIP archive holding this part (its name is stored uncompressed in the archive). */
const DOCX_PART = Buffer.from('word/document.xml');

/**
 * The file store: uploads are checked (who, how large, which type by their bytes), streamed to a
 * temporary file while their SHA-256 is computed, then handed to the storage (DATA_DIR/files or
 * a bucket) and recorded in `files`. Nothing is kept of an upload that was refused or cut off.
 */
export class Files {
  constructor(
    private readonly sql: Sql,
    private readonly boards: Pick<Boards, 'access'>,
    readonly storage: BlobStorage,
    private readonly tempDir: string,
    readonly maxBytes: number,
    private readonly log: Logger,
  ) {}

  /** Who may upload to a board, before a byte of the body is read. */
  async checkUpload(
    userId: string,
    boardId: string,
    input: { purpose: unknown; name: unknown; declaredSize: number | null },
  ): Promise<Result<{ purpose: FilePurpose; name: string; workspaceId: string }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access || access.board.archivedAt) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'files.upload')) return denied('files.upload');
    const purpose = input.purpose;
    if (typeof purpose !== 'string' || !(FILE_PURPOSES as readonly string[]).includes(purpose))
      return fail(400, 'invalid_input', 'Purpose must be contract or draft.', 'purpose');
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name) return fail(400, 'invalid_input', 'The file needs a name (send it in X-File-Name).', 'name');
    if (name.length > NAME_MAX)
      return fail(400, 'invalid_input', `The file name must be at most ${NAME_MAX} characters.`, 'name');
    if (BAD_NAME.test(name))
      return fail(400, 'invalid_input', 'The file name must not contain control characters or slashes.', 'name');
    const ok = purpose as FilePurpose;
    if (!nameFitsPurpose(name, ok)) return wrongType(name, ok);
    if (input.declaredSize !== null && input.declaredSize > this.maxBytes) return this.tooLarge(name);
    if (input.declaredSize === 0) return empty();
    return { ok: true, purpose: ok, name, workspaceId: access.board.workspaceId };
  }

  /**
   * Stores an upload that `checkUpload` allowed: reads the body to the end (at most maxBytes),
   * then decides its type from its bytes and keeps it, or refuses it and keeps nothing.
   */
  async store(
    user: { id: string },
    boardId: string,
    checked: { purpose: FilePurpose; name: string; workspaceId: string },
    body: Readable,
  ): Promise<Result<{ file: StoredFile }>> {
    const id = newId();
    await mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, `${id}.part`);
    const inspector = new UploadInspector(this.maxBytes);
    try {
      await pipeline(body, inspector, createWriteStream(tempPath));
    } catch (error) {
      await rm(tempPath, { force: true });
      if (inspector.overLimit) return this.tooLarge(checked.name);
      throw error;
    }
    let type: FileType | null;
    try {
      if (inspector.size === 0) return empty();
      const sniffed = sniffFileType(inspector.head);
      type = sniffed === 'application/zip' ? (inspector.sawDocxPart ? DOCX : null) : sniffed;
      if (!type || !ALLOWED_TYPES[checked.purpose].includes(type)) return wrongType(checked.name, checked.purpose);
      await this.storage.put(id, tempPath, inspector.size, type);
    } finally {
      await rm(tempPath, { force: true });
    }
    const sha256 = inspector.digest();
    try {
      const [file] = await this.sql<StoredFile[]>`
        insert into files (id, workspace_id, board_id, purpose, name, type, size, sha256, storage, storage_key, created_by)
        values (${id}, ${checked.workspaceId}, ${boardId}, ${checked.purpose}, ${checked.name}, ${type},
                ${inspector.size}, ${sha256}, ${this.storage.kind}, ${id}, ${user.id})
        returning ${fileColumns(this.sql)}`;
      this.log.info('file stored', { fileId: id, boardId, size: inspector.size, storage: this.storage.kind });
      return { ok: true, file: normalise(file!) };
    } catch (error) {
      await this.storage.delete(id).catch(() => {});
      throw error;
    }
  }

  /** A file of a board, for a member who may view the board. */
  async forMember(userId: string, boardId: string, fileId: string): Promise<Result<{ file: StoredFile }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access || !can(access.role, 'board.view')) return fail(404, 'board_not_found', 'Board not found.');
    const file = await this.get(boardId, fileId);
    return file ? { ok: true, file } : fileNotFound();
  }

  /** A file's row (no access check: for callers that checked access another way, e.g. a share link). */
  async get(boardId: string, fileId: string): Promise<StoredFile | null> {
    if (!isId(fileId) || !isId(boardId)) return null;
    const [file] = await this.sql<StoredFile[]>`
      select ${fileColumns(this.sql)} from files where id = ${fileId} and board_id = ${boardId}`;
    return file ? normalise(file) : null;
  }

  /** The bytes of a file (or a range of them). */
  async read(file: StoredFile, range?: ByteRange): Promise<Readable> {
    const [row] = await this.sql<{ storage: 'disk' | 's3'; storage_key: string }[]>`
      select storage, storage_key from files where id = ${file.id}`;
    if (!row) throw new Error(`file ${file.id} is gone`);
    if (row.storage !== this.storage.kind) {
      // Stored before the configuration changed (disk ↔ bucket): say so instead of a 500 with no reason.
      throw new Error(
        `file ${file.id} is stored on ${row.storage}, but this server now stores on ${this.storage.kind}`,
      );
    }
    return this.storage.get(row.storage_key, range);
  }

  /** "The file is larger than 100 MB, the most this server accepts." */
  tooLarge(name: string): Failure {
    return fail(
      413,
      'file_too_large',
      `“${name}” is larger than ${formatBytes(this.maxBytes)}, the most this server accepts.`,
      'file',
    );
  }
}

const DOCX: FileType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function wrongType(name: string, purpose: FilePurpose): Failure {
  return fail(415, 'file_type_not_allowed', `“${name}” is not ${ALLOWED_SENTENCE[purpose]}.`, 'file');
}

function empty(): Failure {
  return fail(400, 'file_empty', 'The file is empty.', 'file');
}

function fileNotFound(): Failure {
  return fail(404, 'file_not_found', 'This file does not exist (it may have been removed).');
}

function fileColumns(sql: Sql) {
  return sql`id, board_id as "boardId", purpose, name, type, size, sha256, created_by as "createdBy", created_at as "createdAt"`;
}

function normalise(file: StoredFile): StoredFile {
  // bigint columns arrive as strings from postgres.js.
  return { ...file, size: Number(file.size) };
}

/** Counts, hashes and looks at an upload as it streams through; errors once it passes the limit. */
class UploadInspector extends Transform {
  size = 0;
  overLimit = false;
  sawDocxPart = false;
  head: Uint8Array = new Uint8Array(0);
  private readonly hash = createHash('sha256');
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.overLimit = true;
      done(new Error('upload over the size limit'));
      return;
    }
    if (this.head.length < SNIFF_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
    }
    if (!this.sawDocxPart) {
      // The part name may straddle two chunks: search the end of the last one too.
      const window = Buffer.concat([this.tail, chunk]);
      if (window.includes(DOCX_PART)) this.sawDocxPart = true;
      this.tail = window.subarray(Math.max(0, window.length - DOCX_PART.length + 1));
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
