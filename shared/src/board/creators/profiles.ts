import { isRecord } from '../document/guards.ts';
import type { KeyValueEntry } from '../document/keyValueArray.ts';
import { readProfile } from './readProfile.ts';
import type { Profile } from './creator.ts';

/**
 * Schema 2 stored each profile as JSON text, one string per creator (schema 3 stores every field
 * as its own cell: creatorFields.ts); this reads such values until migrateBoard moves them. Yjs decodes a nested object value
 * key by key (about 50 small strings for a full profile) while a string is decoded at once:
 * applying a 5,000-creator board went from ~70 ms to ~5 ms for the profiles
 * (shared/bench/boardModel.ts). Parsing moves into readBoard, and is done once per stored
 * entry thanks to the cache below.
 */
export function encodeProfile(profile: Profile | Record<string, unknown>): string {
  return JSON.stringify(profile);
}

// Stored entries are immutable (a write replaces the entry), so a parsed profile stays valid
// for as long as its entry lives: later readBoard calls re-parse only what changed.
const parsed = new WeakMap<object, Profile | null>();

/** A stored profile value (JSON text, or an object written by a version-1 or foreign client), repaired; null if unusable. */
export function readProfileValue(value: unknown): Profile | null {
  let object = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return isRecord(object) ? readProfile(object) : null;
}

/** The profile held by one entry of the profiles array (cached). */
export function profileOfEntry(entry: KeyValueEntry): Profile | null {
  if (typeof entry.raw !== 'object' || entry.raw === null) return readProfileValue(entry.val);
  let profile = parsed.get(entry.raw);
  if (profile === undefined) {
    profile = readProfileValue(entry.val);
    parsed.set(entry.raw, profile);
  }
  return profile;
}
