import type * as Y from 'yjs';
import { fieldKey, type BoardScalar, type ProfileScalar } from '../creators/creatorFields.ts';
import { KeyValueArray, type EntryFormat } from './keyValueArray.ts';

export interface BoardTypes {
  doc: Y.Doc;
  /** schemaVersion, title, settings. */
  meta: Y.Map<unknown>;
  /** statusId → stored status (custom statuses and changes to built-in ones). */
  statuses: KeyValueArray;
  /** creatorId → profile as JSON text: schema 1/2 only, moved into `cells` by migrateBoard. */
  profiles: KeyValueArray;
  /** Every field of every creator, one entry each (see creatorFields.ts). */
  cells: KeyValueArray;
  /** viewId → saved view (name, filters, sort, view type, columns), shared by the team. */
  views: KeyValueArray;
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
    const kv = (name: string, format?: EntryFormat) => new KeyValueArray(doc.getArray<unknown>(name), format);
    types = {
      doc,
      meta: doc.getMap('meta'),
      statuses: kv('statuses'),
      profiles: kv('profiles'),
      cells: kv('cells', 'text'),
      views: kv('views'),
    };
    cache.set(doc, types);
  }
  return types;
}

/** Reads one single-valued creator field. */
export function getCell(types: BoardTypes, creatorId: string, field: BoardScalar | ProfileScalar): unknown {
  return types.cells.get(fieldKey(creatorId, field));
}

/** Writes one single-valued field of many creators (inside a transaction). */
export function setCells(types: BoardTypes, field: BoardScalar, values: Map<string, unknown>): void {
  types.cells.setMany(new Map([...values].map(([id, value]) => [fieldKey(id, field), value])));
}
