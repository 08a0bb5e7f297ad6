import type * as Y from 'yjs';
import { KeyValueArray } from './keyValueArray.ts';

/**
 * Per-creator fields that teammates change often and at the same time (a status move while
 * someone else edits the fee). Each is its own entry (`<creatorId>:<field>`) in one key-value
 * array, so concurrent edits of different fields never overwrite each other.
 */
export const CELL_FIELDS = [
  'influencer',
  'contract',
  'payment',
  'rank',
  'assignee',
  'tags',
  'fee',
  'removed',
  'createdAt',
] as const;
export type CellField = (typeof CELL_FIELDS)[number];

export interface BoardTypes {
  doc: Y.Doc;
  /** schemaVersion, title, settings. */
  meta: Y.Map<unknown>;
  /** statusId → stored status (custom statuses and changes to built-in ones). */
  statuses: KeyValueArray;
  /** creatorId → profile object. */
  profiles: KeyValueArray;
  /** `<creatorId>:<field>` → value, for the often-edited fields (CELL_FIELDS). */
  cells: KeyValueArray;
}

const cache = new WeakMap<Y.Doc, BoardTypes>();

/**
 * The shared types of a board document. Key-value arrays (KeyValueArray, YKeyValue's format) instead of
 * Y.Maps: a Y.Map key rewritten thousands of times keeps a tombstone per write, while deleted
 * array items merge — but only when one client's writes land in the same array one after the
 * other. So all often-edited fields share ONE array, and the activity history lives in its own
 * document: interleaving writes across types made tombstones grow without bound (measured in
 * shared/bench/boardModel.ts; see docs/board-format.md).
 */
export function boardTypes(doc: Y.Doc): BoardTypes {
  let types = cache.get(doc);
  if (!types) {
    const kv = (name: string) => new KeyValueArray(doc.getArray<unknown>(name));
    types = {
      doc,
      meta: doc.getMap('meta'),
      statuses: kv('statuses'),
      profiles: kv('profiles'),
      cells: kv('cells'),
    };
    cache.set(doc, types);
  }
  return types;
}

/** The key of one creator field in the cells array. */
export function cellKey(creatorId: string, field: CellField): string {
  return `${creatorId}:${field}`;
}

/** Reads one creator field. */
export function getCell(types: BoardTypes, creatorId: string, field: CellField): unknown {
  return types.cells.get(cellKey(creatorId, field));
}

/** Writes one field of many creators (inside a transaction). */
export function setCells(types: BoardTypes, field: CellField, values: Map<string, unknown>): void {
  types.cells.setMany(new Map([...values].map(([id, value]) => [cellKey(id, field), value])));
}
