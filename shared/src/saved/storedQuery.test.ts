import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  documentHolds,
  encodeStoredAnswer,
  encodeStoredQuery,
  newStoredQueryId,
  parseStoredAnswer,
  parseStoredQuery,
  storedQueryFor,
  type StoredQuery,
} from '../index.ts';

/** Local updates of `doc` while `change` runs. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  doc.on('update', collect);
  change();
  doc.off('update', collect);
  return updates;
}

/** A server copy of `doc` as it is now. */
const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

const roundTrip = (query: StoredQuery) => parseStoredQuery(encodeStoredQuery(query))!;

describe('stored queries', () => {
  it('a document that received the changes holds them; one that did not, does not', () => {
    const client = new Y.Doc();
    const server = copyOf(client);
    const updates = updatesOf(client, () => {
      for (let i = 0; i < 100; i++) client.getMap('m').set(`k${i}`, i);
    });
    const query = roundTrip(storedQueryFor(newStoredQueryId(), updates));
    expect(documentHolds(server, query)).toBe(false);
    // All but the last change: still not all of it.
    updates.slice(0, -1).forEach((update) => Y.applyUpdate(server, update));
    expect(documentHolds(server, query)).toBe(false);
    Y.applyUpdate(server, updates.at(-1)!);
    expect(documentHolds(server, query)).toBe(true);
  });

  it('a deletion without any insertion is not held until the server has deleted the item too', () => {
    const client = new Y.Doc();
    client.getArray('a').insert(0, [1, 2, 3]);
    const server = copyOf(client);
    const updates = updatesOf(client, () => client.getArray('a').delete(1, 1));
    const query = roundTrip(storedQueryFor(newStoredQueryId(), updates));
    // Same state vector as before: only the delete set tells them apart.
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(client));
    expect(documentHolds(server, query)).toBe(false);
    updates.forEach((update) => Y.applyUpdate(server, update));
    expect(documentHolds(server, query)).toBe(true);
  });

  it('answers false to malformed deletions and to ranges past the document', () => {
    const server = new Y.Doc();
    server.getMap('m').set('a', 1);
    const holds = (deletions: Uint8Array, stateVector = new Map<number, number>()) =>
      documentHolds(server, { id: newStoredQueryId(), stateVector, deletions });
    expect(holds(new Uint8Array([255, 255, 255]))).toBe(false);
    const other = new Y.Doc();
    other.getArray('x').insert(0, [1]);
    const deleted = updatesOf(other, () => other.getArray('x').delete(0, 1));
    expect(holds(storedQueryFor(newStoredQueryId(), deleted).deletions)).toBe(false);
  });

  it('parses only its own well-formed payloads', () => {
    const id = newStoredQueryId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newStoredQueryId()).not.toBe(id);
    const query = storedQueryFor(id, [Y.encodeStateAsUpdate(new Y.Doc())]);
    expect(parseStoredQuery(encodeStoredQuery(query))?.id).toBe(id);
    for (const payload of [
      '',
      'hello',
      '{"type":"roster.stored?","id":1,"sv":"","ds":""}',
      '{"type":"roster.stored?"',
    ]) {
      expect(parseStoredQuery(payload)).toBeNull();
    }
    expect(parseStoredQuery(`{"type":"roster.stored?","id":"${id}","sv":"!!","ds":""}`)).toBeNull();
    expect(parseStoredAnswer(encodeStoredAnswer({ id, stored: true }))).toEqual({ id, stored: true });
    expect(parseStoredAnswer(encodeStoredQuery(query))).toBeNull();
  });
});
