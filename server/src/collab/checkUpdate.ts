import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * How deep shared types may nest: a top-level type is level 1, a type inside it level 2, … The
 * board model uses 1 (root maps and arrays); a notes document nests ProseMirror nodes (a list item
 * in a list in a list …), two levels per nested list. Yjs recurses once per level when it loads,
 * deletes or collects a type: 5,000 nested maps overflowed the stack on every load.
 */
export const MAX_TYPE_DEPTH = 64;

/**
 * How deep a JSON value (an entry of a `Y.Array`, a value of a `Y.Map`, an embed or a format
 * attribute) may nest arrays and objects: `{}` is level 1, `{ a: [] }` level 2. The board's
 * deepest value (a profile's audience shares) is 4. lib0 reads and writes these values
 * recursively: a value nested 5,000 levels was applied live but made every later load fail.
 */
export const MAX_JSON_DEPTH = 32;

/** What the check found wrong, or null when the update is fine. */
export type UpdateProblem = string | null;

/**
 * Checks a Yjs update (format v1, as Hocuspocus providers send them) before it is logged or
 * applied: it must decode completely and exactly (no truncated or trailing bytes), every count it
 * declares must fit in its bytes (Yjs allocates an array of the declared struct count up front: 7
 * bytes declaring 2^25 structs cost 270 MB and a second), it may use only the content types of
 * the board format (no subdocuments), and it must not nest shared types or JSON values deeper
 * than MAX_TYPE_DEPTH / MAX_JSON_DEPTH.
 *
 * Nesting is counted against `doc` for the types the update adds to existing ones. The walk is
 * linear in the update's bytes and never recurses deeper than MAX_JSON_DEPTH.
 */
export function checkUpdate(update: Uint8Array, doc?: Y.Doc, inFlight?: InFlightUpdates): UpdateProblem {
  const walked = walk(update, doc, false, inFlight);
  if (!walked.problem && inFlight) inFlight.add(walked.items, walked.missing);
  return walked.problem;
}

/**
 * The items of updates a document accepted but has not applied yet. Hocuspocus runs the hooks of
 * messages that arrive together side by side, so a message is checked before the one sent just
 * before it is applied: without these, its items would have no known parent, and nesting one
 * level per message would never be counted. Each is forgotten once it is applied (Hocuspocus
 * applies right after the hooks, before any timer runs).
 */
export class InFlightUpdates {
  readonly updates = new Set<Map<number, ItemRecord[]>>();
  /** In-flight updates with items whose parent or origin is missing (they will be pending). */
  missing = 0;

  add(items: Map<number, ItemRecord[]>, missing: boolean): void {
    if (items.size === 0) return;
    this.updates.add(items);
    if (missing) this.missing++;
    setImmediate(() => {
      this.updates.delete(items);
      if (missing) this.missing--;
    });
  }
}

export interface Repaired {
  /** The update without its too-deep items and values, or null when it cannot be read at all. */
  update: Uint8Array | null;
  /** Items and values dropped. */
  dropped: number;
  /** The first problem found. */
  problem: UpdateProblem;
}

/**
 * For stored updates (snapshot and log) written before the checks existed: an update that does
 * not decode is unusable (update null), but one whose only fault is too deep an item keeps every
 * other item. A too-deep value in an array or map becomes null; a too-deep type (or embed) becomes
 * a garbage-collected struct of the same length, which is what Yjs itself leaves of a deleted
 * item, and what it makes of the children of a collected parent.
 */
export function repairUpdate(update: Uint8Array, doc?: Y.Doc): Repaired {
  const walked = walk(update, doc, true);
  if (walked.fatal) return { update: null, dropped: 0, problem: walked.problem };
  if (walked.patches.length === 0) return { update, dropped: 0, problem: null };
  const encoder = encoding.createEncoder();
  let from = 0;
  for (const patch of walked.patches) {
    encoding.writeUint8Array(encoder, update.subarray(from, patch.start));
    encoding.writeUint8Array(encoder, patch.bytes);
    from = patch.end;
  }
  encoding.writeUint8Array(encoder, update.subarray(from));
  return { update: encoding.toUint8Array(encoder), dropped: walked.patches.length, problem: walked.problem };
}

class Unreadable extends Error {}

const enum Parent {
  /** A top-level type: depth 1. */
  Root,
  /** The type created by the item `ref`. */
  Item,
  /** The parent of the item `ref` (an origin: the item is inserted next to it). */
  SameAs,
}

export interface ItemRecord {
  clock: number;
  length: number;
  isType: boolean;
  parent: Parent;
  refClient: number;
  refClock: number;
  /** Depth of the type the item is in; -1 not yet known, -2 being resolved. */
  depth: number;
  /** Byte range of the struct, to replace it. */
  start: number;
  end: number;
  /** Already replaced by a GC struct. */
  dropped: boolean;
}

interface Walked {
  problem: UpdateProblem;
  /** The update cannot be read (as opposed to: some items are too deep). */
  fatal: boolean;
  /** Byte ranges to replace, in order, to drop what is too deep. */
  patches: Patch[];
  items: Map<number, ItemRecord[]>;
  /** Some item refers to a parent or origin that is nowhere yet. */
  missing: boolean;
}

interface Patch {
  start: number;
  end: number;
  bytes: Uint8Array;
}

/** lib0's `any` encoding of null. */
const NULL_VALUE = new Uint8Array([126]);

function gcStruct(length: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, 0);
  encoding.writeVarUint(encoder, length);
  return encoding.toUint8Array(encoder);
}

function walk(update: Uint8Array, doc: Y.Doc | undefined, repair: boolean, inFlight?: InFlightUpdates): Walked {
  const items = new Map<number, ItemRecord[]>();
  const patches: Patch[] = [];
  let missing = false;
  let problem: UpdateProblem = null;
  const fault = (what: string): void => {
    if (!repair) throw new Unreadable(what);
    problem ??= what;
  };
  try {
    const decoder = decoding.createDecoder(update);
    const remaining = () => update.byteLength - decoder.pos;
    const count = (what: string, minBytesEach: number): number => {
      const n = decoding.readVarUint(decoder);
      if (n * minBytesEach > remaining()) throw new Unreadable(`${what}: ${n} declared in ${remaining()} bytes`);
      return n;
    };
    const clients = count('client blocks', 3);
    for (let c = 0; c < clients; c++) {
      const structs = count('structs', 2);
      const client = decoding.readVarUint(decoder);
      let clock = decoding.readVarUint(decoder);
      let records = items.get(client);
      if (records) throw new Unreadable(`client ${client} appears twice`);
      records = [];
      items.set(client, records);
      for (let s = 0; s < structs; s++) {
        const start = decoder.pos;
        const info = readByte(decoder);
        const ref = info & 0b11111;
        if (ref === 0 || ref === 10) {
          // GC or Skip: a length only.
          clock += length(decoding.readVarUint(decoder));
          continue;
        }
        const record: ItemRecord = {
          clock,
          length: 1,
          isType: false,
          parent: Parent.Root,
          refClient: 0,
          refClock: 0,
          depth: -1,
          start,
          end: 0,
          dropped: false,
        };
        const hasOrigin = (info & 0b10000000) !== 0;
        const hasRightOrigin = (info & 0b01000000) !== 0;
        if (hasOrigin) {
          record.parent = Parent.SameAs;
          record.refClient = decoding.readVarUint(decoder);
          record.refClock = decoding.readVarUint(decoder);
        }
        if (hasRightOrigin) {
          const rightClient = decoding.readVarUint(decoder);
          const rightClock = decoding.readVarUint(decoder);
          if (!hasOrigin) {
            record.parent = Parent.SameAs;
            record.refClient = rightClient;
            record.refClock = rightClock;
          }
        }
        if (!hasOrigin && !hasRightOrigin) {
          if (decoding.readVarUint(decoder) === 1) {
            readBytes(decoder); // the top-level type's name
            record.parent = Parent.Root;
            record.depth = 1;
          } else {
            record.parent = Parent.Item;
            record.refClient = decoding.readVarUint(decoder);
            record.refClock = decoding.readVarUint(decoder);
          }
          if ((info & 0b00100000) !== 0) readBytes(decoder); // the map key
        }
        let jsonProblem: string | null = null;
        switch (ref) {
          case 1: // ContentDeleted
            record.length = length(decoding.readVarUint(decoder));
            break;
          case 2: {
            // ContentJSON: JSON texts
            record.length = count('JSON values', 1);
            for (let i = 0; i < record.length; i++) {
              const text = readString(decoder);
              if (text !== 'undefined') jsonProblem ??= checkJsonText(text);
            }
            break;
          }
          case 3: // ContentBinary
            readBytes(decoder);
            break;
          case 4: // ContentString: Yjs counts UTF-16 code units
            record.length = length(utf16Length(readBytes(decoder)));
            break;
          case 5: // ContentEmbed
            jsonProblem = checkJsonText(readString(decoder));
            break;
          case 6: // ContentFormat: key, value
            readBytes(decoder);
            jsonProblem = checkJsonText(readString(decoder));
            break;
          case 7: {
            // ContentType
            const typeRef = decoding.readVarUint(decoder);
            if (typeRef > 6) throw new Unreadable(`unknown shared type ${typeRef}`);
            // YXmlElement and YXmlHook carry a node name.
            if (typeRef === 3 || typeRef === 5) readBytes(decoder);
            record.isType = true;
            break;
          }
          case 8: {
            // ContentAny
            record.length = count('values', 1);
            for (let i = 0; i < record.length; i++) {
              const valueStart = decoder.pos;
              const depth = readAny(decoder);
              if (depth > MAX_JSON_DEPTH) {
                fault(`a JSON value nested ${depth} levels`);
                patches.push({ start: valueStart, end: decoder.pos, bytes: NULL_VALUE });
              }
            }
            break;
          }
          case 9:
            throw new Unreadable('subdocuments are not part of the board format');
          default:
            throw new Unreadable(`unknown content type ${ref}`);
        }
        if (record.length === 0) throw new Unreadable('an empty item');
        record.end = decoder.pos;
        if (jsonProblem) {
          fault(jsonProblem);
          record.dropped = true;
          patches.push({ start: record.start, end: record.end, bytes: gcStruct(record.length) });
        }
        records.push(record);
        clock += record.length;
      }
    }
    // The delete set: per client, ranges of clocks.
    const deleteClients = count('delete-set clients', 2);
    for (let c = 0; c < deleteClients; c++) {
      decoding.readVarUint(decoder);
      const ranges = count('deleted ranges', 2);
      for (let r = 0; r < ranges; r++) {
        decoding.readVarUint(decoder);
        length(decoding.readVarUint(decoder));
      }
    }
    if (decoder.pos !== update.byteLength) throw new Unreadable(`${remaining()} bytes after the update`);
    missing = checkTypeDepths(items, inFlight, doc, !repair, (record, depth) => {
      fault(`shared types nested ${depth} levels`);
      if (!record.dropped) {
        record.dropped = true;
        patches.push({ start: record.start, end: record.end, bytes: gcStruct(record.length) });
      }
    });
  } catch (error) {
    // lib0 throws at the end of the bytes and on integers beyond 2^53.
    const what = error instanceof Unreadable ? error.message : `unreadable update (${String(error)})`;
    return { problem: what, fatal: true, patches: [], items, missing };
  }
  patches.sort((a, b) => a.start - b.start);
  return { problem, fatal: false, patches, items, missing };
}

function readByte(decoder: decoding.Decoder): number {
  if (decoder.pos >= decoder.arr.byteLength) throw new Unreadable('the update ends early');
  return decoder.arr[decoder.pos++]!;
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const n = decoding.readVarUint(decoder);
  if (n > decoder.arr.byteLength - decoder.pos) throw new Unreadable('the update ends early');
  const bytes = decoder.arr.subarray(decoder.pos, decoder.pos + n);
  decoder.pos += n;
  return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function readString(decoder: decoding.Decoder): string {
  return utf8.decode(readBytes(decoder));
}

/** The length of a string as Yjs counts it (UTF-16 code units), decoding only when not ASCII. */
function utf16Length(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return utf8.decode(bytes).length;
  return bytes.length;
}

/** Item and range lengths: a clock is below 2^53 and so is every length. */
function length(n: number): number {
  if (n > 2 ** 32) throw new Unreadable(`a length of ${n}`);
  return n;
}

/**
 * Reads one lib0 `any` value; returns how deep it nests arrays and objects. Iterative: lib0's own
 * reader recurses per level, and a too-deep value must still be read past to reach the next one.
 */
function readAny(decoder: decoding.Decoder): number {
  // Members still to read of each open array (false) or object (true).
  const remaining: number[] = [];
  const isObject: boolean[] = [];
  let deepest = 0;
  for (;;) {
    const type = readByte(decoder);
    switch (type) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        break;
      case 125:
        decoding.readVarInt(decoder);
        break;
      case 124:
        skip(decoder, 4);
        break;
      case 123:
      case 122:
        skip(decoder, 8);
        break;
      case 119: // string
      case 116: // bytes
        readBytes(decoder);
        break;
      case 118:
      case 117: {
        const n = decoding.readVarUint(decoder);
        if (n > decoder.arr.byteLength - decoder.pos) throw new Unreadable(`${n} JSON members declared`);
        remaining.push(n);
        isObject.push(type === 118);
        deepest = Math.max(deepest, remaining.length);
        break;
      }
      default:
        throw new Unreadable(`unknown JSON value type ${type}`);
    }
    while (remaining.length > 0 && remaining[remaining.length - 1] === 0) {
      remaining.pop();
      isObject.pop();
    }
    if (remaining.length === 0) return deepest;
    remaining[remaining.length - 1]!--;
    if (isObject[isObject.length - 1]) readBytes(decoder); // the member's key
  }
}

function skip(decoder: decoding.Decoder, n: number): void {
  if (n > decoder.arr.byteLength - decoder.pos) throw new Unreadable('the update ends early');
  decoder.pos += n;
}

/** A JSON text (legacy ContentJSON, embeds, format attributes) must parse and nest within the limit. */
function checkJsonText(text: string): string | null {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  if (deepest > MAX_JSON_DEPTH) return `a JSON value nested ${deepest} levels`;
  try {
    JSON.parse(text);
  } catch {
    throw new Unreadable('a JSON text that does not parse');
  }
  return null;
}

/**
 * The depth of every type the update creates. An item names its parent (a top-level type, or
 * the item that created the parent type) or sits next to an origin whose parent it shares; those
 * may be in this update (in any order) or in the document. What is in neither is missing (Yjs
 * keeps such an item pending): it counts as the shallowest it could be.
 */
function checkTypeDepths(
  items: Map<number, ItemRecord[]>,
  inFlight: InFlightUpdates | undefined,
  doc: Y.Doc | undefined,
  strict: boolean,
  tooDeep: (record: ItemRecord, depth: number) => void,
): boolean {
  const chain: ItemRecord[] = [];
  let missing = false;
  try {
    for (const records of items.values()) {
      for (const record of records) {
        if (!record.isType) continue;
        const depth = resolve(record) + 1;
        if (depth > MAX_TYPE_DEPTH) tooDeep(record, depth);
      }
    }
  } finally {
    // Records of in-flight updates are shared with later checks: none stays marked "being resolved".
    for (const record of chain) record.depth = -1;
  }
  return missing;

  /** Depth of the type `record` is in, without recursion (chains of origins can be long). */
  function resolve(first: ItemRecord): number {
    let record = first;
    let base: number;
    for (;;) {
      if (record.depth >= 0) {
        base = record.depth;
        break;
      }
      if (record.depth === -2) throw new Unreadable('items that refer to each other in a cycle');
      let target = find(items, record.refClient, record.refClock);
      if (!target && inFlight) {
        for (const other of inFlight.updates) if ((target = find(other, record.refClient, record.refClock))) break;
      }
      if (target) {
        if (record.parent === Parent.Item && !target.isType) throw new Unreadable('a parent that is not a shared type');
        record.depth = -2;
        chain.push(record);
        record = target;
        continue;
      }
      record.depth = -2;
      chain.push(record);
      base = depthInDocument(doc, record, strict, (inFlight?.missing ?? 0) > 0);
      if (base < 0) {
        missing = true;
        base = record.parent === Parent.Item ? 2 : 1;
      }
      // The base is the depth of the type the last record is in; unwind from there.
      chain.pop();
      record.depth = base;
      break;
    }
    // Each record in the chain is in its target's parent (origin), or in its target's type (+1).
    while (chain.length > 0) {
      const next = chain.pop()!;
      base = next.parent === Parent.Item ? base + 1 : base;
      next.depth = base;
    }
    return first.depth;
  }
}

function find(items: Map<number, ItemRecord[]>, client: number, clock: number): ItemRecord | null {
  const records = items.get(client);
  if (!records) return null;
  let low = 0;
  let high = records.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const record = records[mid]!;
    if (clock < record.clock) high = mid - 1;
    else if (clock >= record.clock + record.length) low = mid + 1;
    else return record;
  }
  return null;
}

/** Depth of the type `record` is in, from what the document holds of its parent or origin. */
/**
 * Depth of the type `record` is in, from what the document holds of its parent or origin; -1
 * when the document does not have it (it counts as the shallowest it could be).
 */
function depthInDocument(
  doc: Y.Doc | undefined,
  record: ItemRecord,
  strict: boolean,
  inFlightMissing: boolean,
): number {
  if (!doc) return -1;
  if (Y.getState(doc.store, record.refClient) <= record.refClock) {
    // Yjs keeps an item with a missing parent or origin pending until that arrives. One such
    // update is harmless, but a chain of them, each nesting one level in the one before, would
    // only be counted once the first arrived: a document that is still missing items accepts no
    // more updates that refer to missing items (a provider sends what it builds on first).
    if (strict && (doc.store.pendingStructs || inFlightMissing))
      throw new Unreadable('refers to items the board does not have');
    return -1;
  }
  const struct = Y.getItem(doc.store, Y.createID(record.refClient, record.refClock));
  // Collected (deleted) structs: Yjs collects whatever is put into them, at any depth.
  if (!(struct instanceof Y.Item)) return 1;
  if (record.parent === Parent.Item) {
    if (!(struct.content instanceof Y.ContentType)) throw new Unreadable('a parent that is not a shared type');
    return typeDepth(struct.content.type);
  }
  const parent = struct.parent;
  return parent instanceof Y.AbstractType ? typeDepth(parent) : 1;
}

function typeDepth(type: Y.AbstractType<unknown>): number {
  let depth = 1;
  let item = type._item;
  while (item && depth <= MAX_TYPE_DEPTH) {
    depth++;
    const parent = item.parent;
    item = parent instanceof Y.AbstractType ? parent._item : null;
  }
  return depth;
}
