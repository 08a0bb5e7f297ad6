import * as decoding from 'lib0/decoding';
import {
  MessageType,
  type Connection,
  type Extension,
  type connectedPayload,
  type onDisconnectPayload,
} from '@hocuspocus/server';
import type WebSocket from 'ws';
import { CloseCode, type CloseCodeName } from '@roster/shared';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { ConnectionContext } from './connectionContext.ts';
import { EXTENSION_PRIORITY } from './extensionPriority.ts';
import { interceptIncomingMessages } from './hocuspocusPatches.ts';
import { TokenBucket } from './tokenBucket.ts';

export interface GuardLimits {
  pendingMaxMessages: number;
  pendingMaxBytes: number;
  connection: { messagesPerSecond: number; bytesPerSecond: number };
  user: { messagesPerSecond: number; bytesPerSecond: number };
  burstSeconds: number;
  /** The largest message `ws` accepts: a bytes bucket always holds at least one. */
  maxMessageBytes: number;
  /** To open a first document; to finish a close handshake. */
  timeoutMs: number;
}

export type GuardConfig = Pick<
  Config,
  | 'MAX_MESSAGE_BYTES'
  | 'UPGRADE_TIMEOUT_MS'
  | 'PENDING_MAX_MESSAGES'
  | 'PENDING_MAX_BYTES'
  | 'CONNECTION_MESSAGES_PER_SECOND'
  | 'CONNECTION_BYTES_PER_SECOND'
  | 'USER_MESSAGES_PER_SECOND'
  | 'USER_BYTES_PER_SECOND'
  | 'RATE_LIMIT_BURST_SECONDS'
>;

export function guardLimits(config: GuardConfig): GuardLimits {
  return {
    pendingMaxMessages: config.PENDING_MAX_MESSAGES,
    pendingMaxBytes: config.PENDING_MAX_BYTES,
    connection: {
      messagesPerSecond: config.CONNECTION_MESSAGES_PER_SECOND,
      bytesPerSecond: config.CONNECTION_BYTES_PER_SECOND,
    },
    user: { messagesPerSecond: config.USER_MESSAGES_PER_SECOND, bytesPerSecond: config.USER_BYTES_PER_SECOND },
    burstSeconds: config.RATE_LIMIT_BURST_SECONDS,
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    timeoutMs: config.UPGRADE_TIMEOUT_MS,
  };
}

/**
 * Closes a WebSocket with a named code, and drops its TCP connection if the peer has not finished
 * the close handshake within `timeoutMs` (`ws` would wait 30 s for a peer that never answers).
 */
export function closeWithin(websocket: WebSocket, name: CloseCodeName, timeoutMs: number): void {
  if (websocket.readyState === websocket.CLOSED) return;
  const timer = setTimeout(() => websocket.terminate(), timeoutMs);
  timer.unref();
  websocket.once('close', () => clearTimeout(timer));
  if (websocket.readyState === websocket.OPEN) websocket.close(CloseCode[name], name);
}

export interface Buckets {
  messages: TokenBucket;
  bytes: TokenBucket;
}

interface UserBuckets extends Buckets {
  sockets: number;
  forget?: ReturnType<typeof setTimeout>;
}

/** A connection's (or a user's) message and byte buckets at the given rates, with the configured burst. */
export function buckets(rates: { messagesPerSecond: number; bytesPerSecond: number }, limits: GuardLimits): Buckets {
  return {
    messages: new TokenBucket(rates.messagesPerSecond, rates.messagesPerSecond * limits.burstSeconds),
    bytes: new TokenBucket(
      rates.bytesPerSecond,
      Math.max(rates.bytesPerSecond * limits.burstSeconds, limits.maxMessageBytes),
    ),
  };
}

/**
 * Every accepted socket's guard on this instance, and the rate buckets each user's sockets share.
 * A user's buckets outlive their last socket by one burst period, so reconnecting does not refill them.
 */
export class ConnectionGuards {
  private readonly users = new Map<string, UserBuckets>();

  constructor(
    private readonly limits: GuardLimits,
    private readonly log: Logger,
    private readonly filterPresence: PresenceFilter,
  ) {}

  /** Guards an accepted socket; call before Hocuspocus sees it, and put the result in its context. */
  guard(websocket: WebSocket, userId: string): ConnectionGuard {
    let user = this.users.get(userId);
    if (!user) {
      user = { ...buckets(this.limits.user, this.limits), sockets: 0 };
      this.users.set(userId, user);
    }
    clearTimeout(user.forget);
    user.sockets++;
    const shared = user;
    websocket.once('close', () => {
      if (--shared.sockets > 0) return;
      shared.forget = setTimeout(() => {
        if (shared.sockets === 0) this.users.delete(userId);
      }, this.limits.burstSeconds * 1000);
      shared.forget.unref();
    });
    return new ConnectionGuard(websocket, this.limits, shared, this.filterPresence, (name, why) => {
      // Limits reached are worth an operator's attention; the rest is what a provider may do while
      // its page is torn down (a goodbye for a refused board) or a tab left behind.
      const level = name === 'TooManyMessages' ? 'warn' : 'debug';
      this.log[level]('closing a board socket', { code: CloseCode[name], why, userId });
    });
  }
}

/** Presence messages of an open document go through it (presencePolicy.ts): what to deliver, or null. */
export type PresenceFilter = (connection: Connection, message: Uint8Array) => Uint8Array | null;

type DocumentState =
  | { state: 'pending'; messages: number; bytes: number; presence: Uint8Array[] }
  | { state: 'open'; connection: Connection }
  | { state: 'refused' };

/**
 * Sees every message of one socket before Hocuspocus does, and keeps from it what Hocuspocus would
 * hold without bound or pass on unchecked:
 *
 * - Hocuspocus (ClientConnection) queues each message for a document until that document is
 *   authenticated and loaded, and for a refused document keeps queueing for as long as the socket
 *   lives. It has no option to bound that queue, so the guard counts what is queued per socket and
 *   closes the socket past PENDING_MAX_MESSAGES/BYTES, and closes it at the first message for a
 *   document it was refused.
 * - Rate limits per connection and per user (token buckets), closing with 4429.
 * - Stateless broadcasts from clients are dropped, from everyone: Hocuspocus relays one to every
 *   connection of the document as a plain stateless message, indistinguishable from the server's
 *   own (a role change, a rename, a "stored" answer), so an editor could tell a teammate's page it
 *   is view-only. No Roster client broadcasts; the server speaks for itself.
 * - Presence messages pass through the presence policy (presencePolicy.ts), which needs the
 *   document's connection: the ones sent before the document opens are held, not queued, and
 *   handed over once it has.
 * - A socket that opens no document within UPGRADE_TIMEOUT_MS is closed.
 *
 * The guard sees each message before Hocuspocus through `interceptIncomingMessages`
 * (hocuspocusPatches.ts, patch 4). Hocuspocus replays queued messages through the same socket
 * once a document opens; the guard recognises them (it admitted those very buffers) and lets them
 * through uncounted.
 */
export class ConnectionGuard {
  private readonly documents = new Map<string, DocumentState>();
  private readonly admitted = new WeakSet<Uint8Array>();
  private readonly own: Buckets;
  private pendingMessages = 0;
  private pendingBytes = 0;
  private closed = false;
  private readonly openTimer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly websocket: WebSocket,
    private readonly limits: GuardLimits,
    private readonly user: Buckets,
    private readonly filterPresence: PresenceFilter,
    private readonly onClose: (name: CloseCodeName, why: string) => void,
  ) {
    this.own = buckets(limits.connection, limits);
    this.openTimer = setTimeout(() => this.close('Timeout', 'opened no document in time'), limits.timeoutMs);
    this.openTimer.unref();
    websocket.once('close', () => {
      this.closed = true;
      clearTimeout(this.openTimer);
    });
    interceptIncomingMessages(websocket, (data) => this.admit(data));
  }

  /** Hocuspocus has opened the document on this socket (its `connected` hook). */
  documentOpened(name: string, connection: Connection): void {
    clearTimeout(this.openTimer);
    const document = this.documents.get(name);
    // What Hocuspocus queued for it has been replayed; its queue is dropped when the document closes.
    if (document?.state === 'pending') {
      this.pendingMessages -= document.messages;
      this.pendingBytes -= document.bytes;
    }
    this.documents.set(name, { state: 'open', connection });
    // Held presence, now that the policy can see the connection (counted already: admitted).
    for (const message of document?.state === 'pending' ? document.presence : []) {
      this.admitted.add(message);
      this.websocket.emit('message', message);
    }
  }

  /** The document was refused on this socket: Hocuspocus will queue anything sent for it, forever. */
  documentRefused(name: string): void {
    this.documents.set(name, { state: 'refused' });
  }

  /** The document's connection closed: Hocuspocus forgets it, and so does the guard. */
  documentClosed(name: string): void {
    if (this.documents.get(name)?.state === 'open') this.documents.delete(name);
  }

  /** The message to hand Hocuspocus (the one received, or what the presence policy made of it), or null. */
  private admit(data: unknown): Uint8Array | null {
    if (this.closed) return null;
    // Hocuspocus sets binaryType 'nodebuffer': ws delivers every message as one Buffer.
    if (!(data instanceof Uint8Array)) return this.close('BadMessage', 'not a binary message');
    // Replayed by Hocuspocus, or held presence: counted when it arrived.
    const replay = this.admitted.has(data);
    const bytes = data.byteLength;
    if (!replay && (!this.own.messages.take(1) || !this.own.bytes.take(bytes)))
      return this.close('TooManyMessages', 'connection rate limit');
    if (!replay && (!this.user.messages.take(1) || !this.user.bytes.take(bytes)))
      return this.close('TooManyMessages', 'user rate limit');
    let name: string;
    let type: number;
    try {
      const decoder = decoding.createDecoder(data);
      name = decoding.readVarString(decoder);
      type = decoding.readVarUint(decoder);
    } catch {
      return this.close('BadMessage', 'undecodable message');
    }
    if (type === MessageType.BroadcastStateless) return null;
    const document = this.documents.get(name);
    if (document?.state === 'open') {
      if (type === MessageType.Awareness) return this.filterPresence(document.connection, data);
      return data;
    }
    if (replay) return data;
    if (document?.state === 'refused')
      return this.close('BadMessage', `message of type ${type} for a refused document`);
    const pending = document ?? { state: 'pending', messages: 0, bytes: 0, presence: [] };
    if (!document) this.documents.set(name, pending);
    pending.messages++;
    pending.bytes += bytes;
    this.pendingMessages++;
    this.pendingBytes += bytes;
    if (this.pendingMessages > this.limits.pendingMaxMessages || this.pendingBytes > this.limits.pendingMaxBytes)
      return this.close('TooManyMessages', 'too much queued before authentication');
    if (type === MessageType.Awareness) {
      pending.presence.push(data);
      return null;
    }
    this.admitted.add(data);
    return data;
  }

  /** Closes the socket with a named code; nothing it sends from now on reaches Hocuspocus. */
  end(name: CloseCodeName, why: string): void {
    this.close(name, why);
  }

  /** Closes the socket and drops every message still to come. Returns null: "do not deliver". */
  private close(name: CloseCodeName, why: string): null {
    if (this.closed) return null;
    this.closed = true;
    clearTimeout(this.openTimer);
    this.onClose(name, why);
    closeWithin(this.websocket, name, this.limits.timeoutMs);
    return null;
  }
}

/** Tells each socket's guard which of its documents Hocuspocus has opened and closed. */
export class ConnectionGuardExtension implements Extension {
  priority = EXTENSION_PRIORITY.connectionGuard;

  async connected({ context, documentName, connection }: connectedPayload): Promise<void> {
    (context as ConnectionContext).guard?.documentOpened(documentName, connection);
  }

  async onDisconnect({ context, documentName }: onDisconnectPayload): Promise<void> {
    (context as ConnectionContext).guard?.documentClosed(documentName);
  }
}
