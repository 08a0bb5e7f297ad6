import type * as Y from 'yjs';
import { isRecord } from './guards.ts';

/** One stored entry: the wire format of y-utility's YKeyValue, `{ key, val }`. */
export interface KeyValueEntry {
  key: string;
  val: unknown;
}

/**
 * A key-value store kept in a `Y.Array` of `{ key, val }` entries; the rightmost entry of a key
 * wins. Writing pushes the new entry and deletes every older entry of that key, so deleted items
 * from one client's consecutive writes merge into ranges instead of piling up as tombstones (a
 * Y.Map keeps one per write).
 *
 * Same wire format as y-utility's YKeyValue, but written for documents any client can write to:
 * entries that are not `{ key: string, … }` are ignored instead of crashing (YKeyValue reads
 * `null.key`), and reading never writes (YKeyValue deletes duplicates from inside its observer,
 * which a read-only viewer cannot send). Duplicates left by two concurrent writes are removed by
 * the next write of that key.
 */
export class KeyValueArray {
  readonly yarray: Y.Array<unknown>;
  private index = new Map<string, KeyValueEntry>();
  private stale = true;
  /** Transactions whose changes to the array this object made itself (its index already knows). */
  private readonly ownTransactions = new WeakSet<Y.Transaction>();

  constructor(yarray: Y.Array<unknown>) {
    this.yarray = yarray;
    yarray.observe((event) => {
      if (!this.ownTransactions.has(event.transaction)) this.stale = true;
    });
  }

  /** Current entries by key (rightmost wins). Do not mutate. */
  get map(): ReadonlyMap<string, KeyValueEntry> {
    if (this.stale) this.rebuild();
    return this.index;
  }

  /** The value of a key, or undefined. */
  get(key: string): unknown {
    return this.map.get(key)?.val;
  }

  /** Whether the key has a value. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Sets one key. */
  set(key: string, val: unknown): void {
    this.setMany(new Map([[key, val]]));
  }

  /**
   * Sets many keys in one pass over the array (one scan, not one per key: a bulk change of k
   * creators stays O(n + k)).
   */
  setMany(entries: ReadonlyMap<string, unknown>): void {
    if (entries.size === 0) return;
    const doc = this.requireDoc();
    const current = this.map;
    doc.transact((transaction) => {
      this.ownTransactions.add(transaction);
      this.deleteEntries((key) => entries.has(key));
      const fresh = [...entries].map(([key, val]) => ({ key, val }));
      this.yarray.push(fresh);
      for (const entry of fresh) (current as Map<string, KeyValueEntry>).set(entry.key, entry);
    });
  }

  /** Removes keys entirely. */
  deleteMany(keys: ReadonlySet<string>): void {
    if (keys.size === 0) return;
    const doc = this.requireDoc();
    const current = this.map as Map<string, KeyValueEntry>;
    doc.transact((transaction) => {
      this.ownTransactions.add(transaction);
      this.deleteEntries((key) => keys.has(key));
      for (const key of keys) current.delete(key);
    });
  }

  /** Deletes every entry (current or stale duplicate) whose key matches, right to left. */
  private deleteEntries(matches: (key: string) => boolean): void {
    const positions: number[] = [];
    let position = 0;
    for (const entry of this.yarray) {
      if (isRecord(entry) && typeof entry.key === 'string' && matches(entry.key)) positions.push(position);
      position++;
    }
    // Delete runs of neighbours at once, from the right so positions stay valid.
    for (let end = positions.length - 1; end >= 0;) {
      let start = end;
      while (start > 0 && positions[start - 1] === positions[start]! - 1) start--;
      this.yarray.delete(positions[start]!, end - start + 1);
      end = start - 1;
    }
  }

  private rebuild(): void {
    const index = new Map<string, KeyValueEntry>();
    for (const entry of this.yarray.toArray()) {
      if (isRecord(entry) && typeof entry.key === 'string') index.set(entry.key, entry as unknown as KeyValueEntry);
    }
    this.index = index;
    this.stale = false;
  }

  private requireDoc(): Y.Doc {
    const doc = this.yarray.doc;
    if (!doc) throw new Error('KeyValueArray needs an array that belongs to a document');
    return doc;
  }
}
