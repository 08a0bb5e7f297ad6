import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { boardDocumentName, COLLAB_PATH, sendOwnPresenceOnly } from '@roster/shared';

export interface BoardClient {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** Close code of the socket, once closed. */
  closeCode(): number | undefined;
  /** Reason of a permission-denied answer for the document, if any. */
  deniedReason(): string | undefined;
  /** Reason of a document-level close sent by the server, if any. */
  closedReason(): string | undefined;
  destroy(): void;
}

/** A WebSocket class that sends the given headers, as a browser sends its cookie and Origin. */
function websocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
      // The provider detaches its listeners when destroyed; a late ECONNREFUSED must not become
      // an unhandled 'error' event that fails the run.
      this.on('error', () => {});
    }
  };
}

/** Connects a real HocuspocusProvider to a board, as a browser (cookie) or a script (token). */
export function connectBoard(
  baseUrl: string,
  boardId: string,
  auth: {
    cookie?: string;
    token?: string;
    origin?: string;
    documentName?: string;
    /** Configure the provider as the web app does (shared/src/presence.ts). */
    ownPresenceOnly?: boolean;
  },
): BoardClient {
  const wsBase = baseUrl.replace(/^http/, 'ws');
  const url = `${wsBase}${COLLAB_PATH}${auth.token ? `?token=${encodeURIComponent(auth.token)}` : ''}`;
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  // An empty origin means none, as a script (not a browser) connects.
  if (auth.origin !== '') headers.origin = auth.origin ?? baseUrl;
  let closeCode: number | undefined;
  let deniedReason: string | undefined;
  let closedReason: string | undefined;
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: websocketWithHeaders(headers),
    // Retry like a browser would (a finite maxAttempts ends in an unhandled rejection inside
    // the provider); tests read the first close code and destroy their clients.
    onClose: ({ event }) => {
      closeCode ??= event.code;
    },
  });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: auth.documentName ?? boardDocumentName(boardId),
    document: doc,
    token: 'cookie',
    onAuthenticationFailed: ({ reason }) => {
      deniedReason = reason;
    },
    onClose: ({ event }) => {
      if (event.code === 1000 && event.reason) closedReason = event.reason;
    },
  });
  if (auth.ownPresenceOnly) sendOwnPresenceOnly(provider);
  provider.attach();
  return {
    provider,
    socket,
    doc,
    closeCode: () => closeCode,
    deniedReason: () => deniedReason,
    closedReason: () => closedReason,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}
