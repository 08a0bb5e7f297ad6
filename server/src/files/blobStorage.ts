import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';

/** A byte range of a stored file, both ends included (HTTP Range semantics). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where the bytes of stored files live. A file is first written to a temporary file under
 * DATA_DIR (so its size, type and SHA-256 are known before anything is kept), then `put` moves it
 * to its place; only then is its row inserted.
 */
export interface BlobStorage {
  readonly kind: 'disk' | 's3';
  /** Takes the finished temporary file (moved or uploaded, then gone). */
  put(key: string, tempPath: string, size: number, type: string): Promise<void>;
  /** The bytes (or one range of them). */
  get(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Lets go of connections (a bucket client's sockets) at shutdown. */
  close?(): void;
}

/** Files under DATA_DIR/files/<first two letters of the id>/<id>. */
export class DiskStorage implements BlobStorage {
  readonly kind = 'disk';

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    // Keys are ids we made (newId: a–z, 2–7); anything else never reaches the file system.
    if (!/^[a-z2-7]{16}$/.test(key)) throw new Error(`not a file key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, tempPath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tempPath, target);
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const target = this.pathOf(key);
    await stat(target); // a missing file is an error here, not an 'error' event mid-answer
    return createReadStream(target, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The storage the configuration names: a bucket when S3_BUCKET is set, else DATA_DIR/files. */
export async function createBlobStorage(config: Config): Promise<BlobStorage> {
  if (config.S3_BUCKET) {
    // Loaded only when used: the AWS SDK is large, and warns about Node 20 as it loads.
    const { S3Storage } = await import('./S3Storage.ts');
    const credentials =
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined; // the SDK's own chain: AWS_* variables, a profile, an instance role
    return new S3Storage(config.S3_BUCKET, config.S3_PREFIX, {
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials,
    });
  }
  return new DiskStorage(filesDir(config));
}

/** DATA_DIR/files: stored files, and `tmp/` for uploads in progress. */
export function filesDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'files');
}
