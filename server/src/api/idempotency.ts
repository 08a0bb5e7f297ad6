import type { Sql } from '../db/client.ts';
import { hashToken } from '../ids.ts';

const KEPT_MS = 24 * 60 * 60 * 1000;

export type IdempotencyStart =
  /** No request with this key yet: run it, then `finish` (or `abandon` when it failed on our side). */
  | { kind: 'new' }
  /** The same request was answered: answer the same again. */
  | { kind: 'replay'; status: number; body: unknown }
  /** The key was used for a different request. */
  | { kind: 'mismatch' }
  /** The first request with this key is still running. */
  | { kind: 'running' };

/**
 * Idempotency keys of POST requests, per token, kept for a day: a client that retries after a
 * lost answer gets the first answer again instead of adding the creators twice.
 */
export class IdempotencyKeys {
  constructor(private readonly sql: Sql) {}

  async start(tokenId: string, key: string, method: string, path: string, body: string): Promise<IdempotencyStart> {
    const requestHash = hashToken(`${method} ${path}\n${body}`);
    await this.sql`
      delete from api_idempotency_keys
      where token_id = ${tokenId} and key = ${key} and created_at < ${new Date(Date.now() - KEPT_MS)}`;
    const inserted = await this.sql`
      insert into api_idempotency_keys (token_id, key, request_hash) values (${tokenId}, ${key}, ${requestHash})
      on conflict do nothing returning key`;
    if (inserted.length > 0) return { kind: 'new' };
    const [row] = await this.sql<{ request_hash: string; status: number | null; body: unknown }[]>`
      select request_hash, status, body from api_idempotency_keys where token_id = ${tokenId} and key = ${key}`;
    if (!row) return this.start(tokenId, key, method, path, body);
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status === null) return { kind: 'running' };
    return { kind: 'replay', status: row.status, body: row.body };
  }

  async finish(tokenId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.sql`
      update api_idempotency_keys set status = ${status}, body = ${this.sql.json(body as never)}
      where token_id = ${tokenId} and key = ${key}`;
  }

  /** Forgets a key whose request failed on the server's side, so a retry runs it again. */
  async abandon(tokenId: string, key: string): Promise<void> {
    await this.sql`delete from api_idempotency_keys where token_id = ${tokenId} and key = ${key} and status is null`;
  }
}
