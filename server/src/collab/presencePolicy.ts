import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType, type Connection } from '@hocuspocus/server';
import { followingSchema, isColor, MAX_PRESENCE_CHARS, presentingSchema } from '@roster/shared';
import type { ConnectionContext } from './connectionContext.ts';

/** One entry of a y-protocols awareness update: a client's presence state (JSON; `null`: gone). */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Reads a y-protocols awareness update; throws when it does not decode. */
export function readPresenceUpdate(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: PresenceEntry[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: decoding.readVarString(decoder),
    });
  }
  return entries;
}

/** Writes a Hocuspocus awareness message for a document (the format `readPresenceUpdate` reads). */
export function presenceMessage(documentName: string, entries: PresenceEntry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, state);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Who may say what in presence. Y-protocols lets any client set any client's presence state (the
 * newer clock wins), and Hocuspocus applies and relays whatever a connection sends: a viewer could
 * rename the owner's avatar or add a made-up "owner" that every peer showed. Here each connection
 * (one socket, one document) owns one presence client id, the first it sends, unless that id is
 * another person's present state or the server's own. Entries for any other id are dropped (a stock
 * provider sends its peers' states back; they were stale echoes anyway, see shared/src/presence.ts).
 * The `user` field of its state, when it has one, is written by the server from the session: `id`,
 * `name` and the board `role`, and the client's `color` only if it is a colour. A state longer than
 * MAX_PRESENCE_CHARS is dropped, and standup fields that do not parse (`standup`, `following`;
 * shared/src/board/standup/standupPresence.ts) are cleared, so a peer cannot hand followers junk.
 */
export class PresencePolicy {
  private readonly owned = new WeakMap<Connection, number>();
  private readonly lastStamped = new WeakMap<
    Connection,
    { json: string; name: string; role: ConnectionContext['role']; state: string | null }
  >();

  /** The awareness message to hand Hocuspocus instead of `message`, or null to drop it. */
  filter(connection: Connection, message: Uint8Array): Uint8Array | null {
    let documentName: string;
    let entries: PresenceEntry[];
    try {
      const decoder = decoding.createDecoder(message);
      documentName = decoding.readVarString(decoder);
      decoding.readVarUint(decoder);
      entries = readPresenceUpdate(decoding.readVarUint8Array(decoder));
    } catch {
      return null;
    }
    const context = connection.context as ConnectionContext;
    let own = this.owned.get(connection);
    if (own === undefined) {
      const first = entries[0]?.clientId;
      if (first === undefined || !this.claimable(connection, first, context.user.id)) return null;
      own = first;
      this.owned.set(connection, own);
    }
    const entry = entries.find((candidate) => candidate.clientId === own);
    if (!entry) return null;
    const state = this.stamped(connection, entry.state, context);
    return state === null ? null : presenceMessage(documentName, [{ ...entry, state }]);
  }

  /**
   * `stamp` of the state, remembered per connection: a provider renews its presence every 15 s
   * with the same state (a new clock only), so most states are the one it sent last. Parsing,
   * checking and writing it again each time was most of what a renewal cost the server.
   */
  private stamped(connection: Connection, json: string, context: ConnectionContext): string | null {
    const last = this.lastStamped.get(connection);
    if (last && last.json === json && last.name === context.user.name && last.role === context.role) return last.state;
    const state = stamp(json, context);
    this.lastStamped.set(connection, { json, name: context.user.name, role: context.role, state });
    return state;
  }

  private claimable(connection: Connection, clientId: number, userId: string): boolean {
    const awareness = connection.document.awareness;
    if (clientId === awareness.clientID) return false;
    const present = awareness.getStates().get(clientId);
    if (present === undefined) return true;
    // The same person, back on a new socket before the old one's presence was removed.
    return isRecord(present.user) && present.user.id === userId;
  }
}

/** The state with its `user` written from the session; null when it is not a presence state. */
function stamp(json: string, context: ConnectionContext): string | null {
  if (json.length > MAX_PRESENCE_CHARS) return null;
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return null;
  }
  if (state === null) return 'null';
  if (!isRecord(state)) return null;
  // A state that names nobody (a provider's first, empty one) stays as it is.
  if (!('user' in state)) return json;
  const standup = { standup: null as unknown, following: null as unknown };
  if (state.standup != null && presentingSchema.safeParse(state.standup).success) standup.standup = state.standup;
  if (followingSchema.safeParse(state.following).success) standup.following = state.following ?? null;
  const claimed = isRecord(state.user) ? state.user : {};
  const user: Record<string, string> = { id: context.user.id, name: context.user.name };
  if (context.role) user.role = context.role;
  if (isColor(claimed.color)) user.color = claimed.color;
  return JSON.stringify({ ...state, ...standup, user });
}
