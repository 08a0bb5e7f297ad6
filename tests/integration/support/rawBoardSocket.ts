import { MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { COLLAB_PATH } from '@roster/shared';

/** Hocuspocus' auth sub-types (@hocuspocus/common's AuthMessageType). */
const AuthType = { Token: 0, PermissionDenied: 1, Authenticated: 2 } as const;

/** Encodes a Hocuspocus message: document name, message type, then the body. */
export function message(documentName: string, type: number, body: (encoder: encoding.Encoder) => void = () => {}) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  body(encoder);
  return encoding.toUint8Array(encoder);
}

export const authMessage = (documentName: string) =>
  message(documentName, MessageType.Auth, (encoder) => {
    encoding.writeVarUint(encoder, AuthType.Token);
    encoding.writeVarString(encoder, 'cookie');
  });

/** A y-protocols update message carrying `update` (sync message type 2). */
export const updateMessage = (documentName: string, update: Uint8Array) =>
  message(documentName, MessageType.Sync, (encoder) => {
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
  });

/** A y-protocols SyncStep1 with an empty state vector: the server answers with the whole document. */
export const syncStep1Message = (documentName: string) =>
  message(documentName, MessageType.Sync, (encoder) => {
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  });

/** An awareness (presence) message with these entries, each `[clientId, clock, state]`. */
export const presenceMessage = (documentName: string, entries: [number, number, unknown][]) =>
  message(documentName, MessageType.Awareness, (encoder) => {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, entries.length);
    for (const [clientId, clock, state] of entries) {
      encoding.writeVarUint(update, clientId);
      encoding.writeVarUint(update, clock);
      encoding.writeVarString(update, JSON.stringify(state));
    }
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  });

export const broadcastStatelessMessage = (documentName: string, payload: string) =>
  message(documentName, MessageType.BroadcastStateless, (encoder) => encoding.writeVarString(encoder, payload));

export interface RawBoardSocket {
  ws: WebSocket;
  send(data: Uint8Array): void;
  /** Sends the auth message and resolves with the server's answer for that document. */
  authenticate(documentName: string): Promise<'authenticated' | 'denied'>;
  /** The reason the server gave for refusing a document, if it did. */
  deniedReason(documentName: string): string | undefined;
  /** Payloads of the stateless messages received. */
  stateless: string[];
  /** How many SyncStep2 answers arrived (one per SyncStep1 the server handled). */
  syncStep2Count(): number;
  /** The close code, once the server closed the socket. */
  closeCode(): number | undefined;
  closed: Promise<number>;
}

/** A WebSocket to /collab that speaks Hocuspocus' protocol by hand, for messages no provider sends. */
export async function openRawBoardSocket(
  baseUrl: string,
  cookie: string,
  options: { token?: string } = {},
): Promise<RawBoardSocket> {
  const query = options.token ? `?token=${encodeURIComponent(options.token)}` : '';
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}${query}`, {
    headers: { cookie, origin: baseUrl },
  });
  ws.on('error', () => {});
  const stateless: string[] = [];
  const answers = new Map<string, (answer: 'authenticated' | 'denied') => void>();
  const denied = new Map<string, string>();
  let syncStep2 = 0;
  let closeCode: number | undefined;
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (code) => {
      closeCode = code;
      resolve(code);
    }),
  );
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const documentName = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Stateless) stateless.push(decoding.readVarString(decoder));
    if ((type === MessageType.Sync || type === MessageType.SyncReply) && decoding.readVarUint(decoder) === 1)
      syncStep2++;
    if (type === MessageType.Auth) {
      const authType = decoding.readVarUint(decoder);
      if (authType === AuthType.PermissionDenied) denied.set(documentName, decoding.readVarString(decoder));
      answers.get(documentName)?.(authType === AuthType.Authenticated ? 'authenticated' : 'denied');
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', (code) => reject(new Error(`closed with ${code} before opening`)));
  });
  return {
    ws,
    send: (data) => ws.send(data),
    authenticate(documentName) {
      const answer = new Promise<'authenticated' | 'denied'>((resolve) => answers.set(documentName, resolve));
      ws.send(authMessage(documentName));
      return answer;
    },
    deniedReason: (documentName) => denied.get(documentName),
    stateless,
    syncStep2Count: () => syncStep2,
    closeCode: () => closeCode,
    closed,
  };
}
