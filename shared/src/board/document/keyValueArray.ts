import * as Y from 'yjs';
import { isRecord } from './guards.ts';

/** One entry as read. */
export interface KeyValueEntry {
  key: string;
  val: unknown;
  /**
   * The stored item: an object `{ key, val }` (y-utility's YKeyValue format) or a text entry
   * (`<key>` U+0000 `<JSON of val>`). Stored items are never changed in place, so an equal `raw`
   * means an unchanged entry (readBoard relies on it). Equal text entries may be stored twice
   * (two people writing the same value at once): the index tells them apart by their location.
   */
  raw: unknown;
}

/** Separates the key from the JSON value in a text entry (keys never contain it). */
const TEXT_SEPARATOR = '\u0000';

/**
 * How new entries are written. Objects: YKeyValue's format. Text: one string per entry, which
 * Yjs decodes about three times faster than an object with two properties and stores in ~20%
 * fewer bytes — it matters for the creator cells, ~30 per creator (150,000 on a 5,000-creator
 * board): applying such a board took 476 ms with objects and ~120 ms with text
 * (shared/bench/boardModel.ts). Readers accept both in either array.
 */
export type EntryFormat = 'object' | 'text';

/** Reads one stored item as an entry, or null when it is neither format (junk is ignored). */
export function readEntry(raw: unknown): KeyValueEntry | null {
  if (typeof raw === 'string') {
    const separator = raw.indexOf(TEXT_SEPARATOR);
    if (separator < 1) return null;
    try {
      return { key: raw.slice(0, separator), val: JSON.parse(raw.slice(separator + 1)), raw };
    } catch {
      return null;
    }
  }
  if (isRecord(raw) && typeof raw.key === 'string') return { key: raw.key, val: raw.val, raw };
  return null;
}

/** The key of one stored item, or null when it is neither format. */
export function keyOf(raw: unknown): string | null {
  if (typeof raw === 'string') {
    const separator = raw.indexOf(TEXT_SEPARATOR);
    return separator < 1 ? null : raw.slice(0, separator);
  }
  return isRecord(raw) && typeof raw.key === 'string' ? raw.key : null;
}

/** Keys whose entry changed, or null when the whole index was rebuilt (anything may have changed). */
export type KeyValueChange = ReadonlySet<string> | null;

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
  /**
   * Where each key's current entry is stored: the id of its item plus the entry's offset, as a
   * Yjs id (client, clock). Deleting a key's old entry then finds its item by id (a binary search)
   * and counts the items to its left, instead of reading every entry of the array to find its
   * key: a status move on a 20,000-creator board (180,000 entries, ~4,000 items) scanned for
   * ~20 ms; the item walk takes ~0.3 ms.
   */
  private locations = new Map<string, Y.ID>();
  /** Keys with more than one live entry (concurrent writes): only a full scan knows their rightmost. */
  private duplicates = new Set<string>();
  private stale = true;
  /** Transactions whose changes to the array this object made itself (its index already knows). */
  private readonly ownTransactions = new WeakSet<Y.Transaction>();
  private readonly listeners = new Set<(change: KeyValueChange) => void>();

  constructor(
    yarray: Y.Array<unknown>,
    private readonly format: EntryFormat = 'object',
  ) {
    this.yarray = yarray;
    yarray.observe((event) => {
      if (this.ownTransactions.has(event.transaction) || this.stale) return;
      // A teammate's edit touches a few entries: update the index from the event instead of
      // reading all of them again (~150,000 on a 5,000-creator board, ~200 ms).
      const changed = this.applyRemote(event);
      if (changed === null) this.stale = true;
      this.notify(changed);
    });
  }

  /** Calls `listener` after every change of the index (synchronously for this object's own writes). */
  onChange(listener: (change: KeyValueChange) => void): void {
    this.listeners.add(listener);
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
    const current = this.map as Map<string, KeyValueEntry>;
    doc.transact((transaction) => {
      this.ownTransactions.add(transaction);
      // A key that has no current entry has none at all (the index holds every key's rightmost):
      // adding new keys needs no scan of the array.
      const rewritten = [...entries.keys()].filter((key) => current.has(key));
      if (rewritten.length > 0) this.deleteEntries((key) => entries.has(key), rewritten);
      const fresh: KeyValueEntry[] = [];
      for (const [key, val] of entries) {
        if (val === undefined) continue;
        const raw = this.format === 'text' ? `${key}${TEXT_SEPARATOR}${JSON.stringify(val)}` : { key, val };
        fresh.push({ key, val, raw });
      }
      // The pushed entries become one item of this client, numbered from its next clock.
      const clock = Y.getState(doc.store, doc.clientID);
      this.yarray.push(fresh.map((entry) => entry.raw));
      fresh.forEach((entry, offset) => {
        current.set(entry.key, entry);
        this.locations.set(entry.key, Y.createID(doc.clientID, clock + offset));
      });
    });
    this.notify(new Set(entries.keys()));
  }

  /** Removes keys entirely. */
  deleteMany(keys: ReadonlySet<string>): void {
    if (keys.size === 0) return;
    const doc = this.requireDoc();
    const current = this.map as Map<string, KeyValueEntry>;
    doc.transact((transaction) => {
      this.ownTransactions.add(transaction);
      const present = [...keys].filter((key) => current.has(key));
      if (present.length > 0) this.deleteEntries((key) => keys.has(key), present);
      for (const key of keys) {
        current.delete(key);
        this.locations.delete(key);
      }
    });
    this.notify(keys);
  }

  /**
   * Deletes every entry (current or stale duplicate) of the given keys (`matches` tells the same
   * keys apart while scanning), right to left. Keys with a known location and no duplicate are
   * found through their item; any other key needs a scan of the whole array.
   */
  private deleteEntries(matches: (key: string) => boolean, keys: readonly string[]): void {
    const located = keys.every((key) => !this.duplicates.has(key) && this.locations.has(key));
    const positions = located ? this.positionsOf(keys) : null;
    this.deletePositions(positions ?? this.scanPositions(matches));
    for (const key of keys) this.duplicates.delete(key);
  }

  /** Every position whose entry's key matches: reads every entry. */
  private scanPositions(matches: (key: string) => boolean): number[] {
    const positions: number[] = [];
    let position = 0;
    for (const raw of this.yarray) {
      const key = keyOf(raw);
      if (key !== null && matches(key)) positions.push(position);
      position++;
    }
    return positions;
  }

  /**
   * The positions of the keys' current entries, ascending, from their recorded locations; null
   * when a location no longer holds a live entry of its key (then only a scan can tell).
   */
  private positionsOf(keys: readonly string[]): number[] | null {
    const store = this.requireDoc().store;
    const positions: number[] = [];
    for (const key of keys) {
      const id = this.locations.get(key)!;
      const item = Y.getItem(store, id);
      if (!(item instanceof Y.Item) || item.deleted) return null;
      const offset = id.clock - item.id.clock;
      if (keyOf(item.content.getContent()[offset]) !== key) return null;
      let position = offset;
      for (let left = item.left; left; left = left.left) if (!left.deleted && left.countable) position += left.length;
      positions.push(position);
    }
    return positions.sort((a, b) => a - b);
  }

  /** Deletes the entries at ascending positions, runs of neighbours at once, from the right. */
  private deletePositions(positions: number[]): void {
    for (let end = positions.length - 1; end >= 0;) {
      let start = end;
      while (start > 0 && positions[start - 1] === positions[start]! - 1) start--;
      this.yarray.delete(positions[start]!, end - start + 1);
      end = start - 1;
    }
  }

  /**
   * Updates the index from another client's (or the undo manager's) transaction; returns the
   * keys changed, or null when only a full scan can tell (a key written twice concurrently:
   * which entry is rightmost depends on positions the event does not give cheaply).
   */
  private applyRemote(event: Y.YArrayEvent<unknown>): Set<string> | null {
    const changed = new Set<string>();
    const { added, deleted } = event.changes;
    // Entries are told apart by where they are stored, not by their value: two people who write
    // the same value to a key at once store two equal text entries, and deleting one (an undo)
    // must not drop the key while the other still holds it.
    for (const item of deleted) {
      const content = item.content.getContent();
      for (let offset = 0; offset < content.length; offset++) {
        const key = keyOf(content[offset]);
        if (key === null) continue;
        if (this.duplicates.has(key)) return null;
        if (this.isLocation(key, item.id, offset)) {
          this.index.delete(key);
          this.locations.delete(key);
          changed.add(key);
        }
      }
    }
    for (const item of added) {
      if (item.deleted) continue;
      const content = item.content.getContent();
      for (let offset = 0; offset < content.length; offset++) {
        const raw = content[offset];
        const entry = readEntry(raw);
        if (!entry) continue;
        // Already indexed: another observer of the same change read the array (a rebuild) first.
        if (this.isLocation(entry.key, item.id, offset)) continue;
        if (this.index.has(entry.key)) return null;
        this.index.set(entry.key, entry);
        this.locations.set(entry.key, Y.createID(item.id.client, item.id.clock + offset));
        changed.add(entry.key);
      }
    }
    return changed;
  }

  /** Whether the key's current entry is the one at `offset` in the item with id `itemId`. */
  private isLocation(key: string, itemId: Y.ID, offset: number): boolean {
    const location = this.locations.get(key);
    return location !== undefined && location.client === itemId.client && location.clock === itemId.clock + offset;
  }

  private rebuild(): void {
    const index = new Map<string, KeyValueEntry>();
    const locations = new Map<string, Y.ID>();
    const duplicates = new Set<string>();
    for (let item = this.yarray._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const content = item.content.getContent();
      for (let offset = 0; offset < content.length; offset++) {
        const entry = readEntry(content[offset]);
        if (!entry) continue;
        if (index.has(entry.key)) duplicates.add(entry.key);
        index.set(entry.key, entry);
        locations.set(entry.key, Y.createID(item.id.client, item.id.clock + offset));
      }
    }
    this.index = index;
    this.locations = locations;
    this.duplicates = duplicates;
    this.stale = false;
  }

  private notify(change: KeyValueChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private requireDoc(): Y.Doc {
    const doc = this.yarray.doc;
    if (!doc) throw new Error('KeyValueArray needs an array that belongs to a document');
    return doc;
  }
}
