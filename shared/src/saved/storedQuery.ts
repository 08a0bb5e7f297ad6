import * as Y from 'yjs';
import { z } from 'zod';

/**
 * "Are these changes of mine stored?" — a stateless message from a client to the server, and its
 * answer. The question names the changes by content (the clocks their insertions end at and the
 * items they delete), not by a count of messages: Hocuspocus' provider counts its unacknowledged
 * messages and resets that count to 1 on every reconnect, so after 6,000 offline edits it reported
 * "saved" once the first of them was stored (kill -9 then lost 2,881 and 3,989 of 4,000). The
 * server answers `stored` only if its document holds every one of these changes and everything in
 * that document is durable (server/src/collab/PersistenceExtension.ts).
 */
export interface StoredQuery {
  /** Chosen by the client (`newStoredQueryId`); the answer repeats it. */
  id: string;
  /** Per client id, the clock the queried insertions end at (a Yjs state vector). */
  stateVector: Map<number, number>;
  /** A Yjs update carrying the queried deletions only (no insertions). */
  deletions: Uint8Array;
}

export interface StoredAnswer {
  id: string;
  /** False: the server does not hold all of it (yet); ask again later. */
  stored: boolean;
}

const QUERY = 'roster.stored?';
const ANSWER = 'roster.stored';

const idSchema = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * A random query id. Unguessable on purpose: any editor on a board can broadcast a stateless
 * payload to everyone on it, and must not be able to forge the answer to someone else's question.
 */
export function newStoredQueryId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
const querySchema = z.object({ type: z.literal(QUERY), id: idSchema, sv: z.string(), ds: z.string() });
const answerSchema = z.object({ type: z.literal(ANSWER), id: idSchema, stored: z.boolean() });

/** Summarises local updates not yet known to be stored as a query. */
export function storedQueryFor(id: string, updates: Uint8Array[]): StoredQuery {
  const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
  const stateVector = Y.parseUpdateMeta(update).to;
  // Without the structs the state vector already names, only the delete set remains.
  const deletions = Y.diffUpdate(update, Y.encodeStateVector(stateVector));
  return { id, stateVector, deletions };
}

export function encodeStoredQuery(query: StoredQuery): string {
  return JSON.stringify({
    type: QUERY,
    id: query.id,
    sv: toBase64(Y.encodeStateVector(query.stateVector)),
    ds: toBase64(query.deletions),
  });
}

/** The query in a stateless payload, or null when the payload is anything else or malformed. */
export function parseStoredQuery(payload: string): StoredQuery | null {
  const parsed = parseJson(payload, querySchema);
  if (!parsed) return null;
  try {
    const stateVector = Y.decodeStateVector(fromBase64(parsed.sv));
    return { id: parsed.id, stateVector, deletions: fromBase64(parsed.ds) };
  } catch {
    return null;
  }
}

export function encodeStoredAnswer(answer: StoredAnswer): string {
  return JSON.stringify({ type: ANSWER, id: answer.id, stored: answer.stored });
}

/** The answer in a stateless payload, or null when the payload is anything else. */
export function parseStoredAnswer(payload: string): StoredAnswer | null {
  const parsed = parseJson(payload, answerSchema);
  return parsed && { id: parsed.id, stored: parsed.stored };
}

/**
 * Whether `doc` holds every change the query names: each insertion (its clock is within the
 * document's state) and each deletion (the items are there and deleted). At most `budget` structs
 * are visited (a query is client input); past it the answer is false.
 */
export function documentHolds(doc: Y.Doc, query: StoredQuery, budget = 1_000_000): boolean {
  for (const [client, clock] of query.stateVector) {
    if (Y.getState(doc.store, client) < clock) return false;
  }
  let deleteSet: ReturnType<typeof Y.decodeUpdate>['ds'];
  try {
    deleteSet = Y.decodeUpdate(query.deletions).ds;
  } catch {
    return false;
  }
  for (const [client, ranges] of deleteSet.clients) {
    const structs = doc.store.clients.get(client);
    for (const { clock, len } of ranges) {
      if (len <= 0) continue;
      if (!structs || Y.getState(doc.store, client) < clock + len) return false;
      // Structs are sorted by clock and contiguous; walk those overlapping [clock, clock + len).
      let index = Y.findIndexSS(structs, clock);
      for (; index < structs.length && structs[index]!.id.clock < clock + len; index++) {
        if (--budget < 0 || !structs[index]!.deleted) return false;
      }
    }
  }
  return true;
}

function parseJson<T>(payload: string, schema: z.ZodType<T>): T | null {
  // Other stateless messages are not JSON objects of ours: skip them without parsing.
  if (!payload.startsWith('{"type":"roster.stored')) return null;
  try {
    const result = schema.safeParse(JSON.parse(payload));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
