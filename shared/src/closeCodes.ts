/**
 * Why the server refused or ended a board connection.
 *
 * A refusal before the WebSocket is handed to Hocuspocus closes the socket with the numeric
 * code. A refusal of one document on an accepted socket cannot carry a code in Hocuspocus 3
 * (only a reason string), so the reason is `"<code>:<name>"`, built by `closeReason` and read
 * back by `parseCloseReason`.
 */
export const CloseCode = {
  /** No valid session cookie or token: the user must sign in again. */
  Unauthorized: 4401,
  /** The user is not (or no longer) a member of the board's workspace. */
  Forbidden: 4403,
  /** The board does not exist or was archived. */
  NotFound: 4404,
  /** The WebSocket upgrade came from a page on another origin. */
  ForeignOrigin: 4406,
  /** A message was larger than the server accepts (the standard WebSocket code, sent by `ws`). */
  MessageTooLarge: 1009,
  /**
   * The socket sent something no provider sends: a message that does not decode, or one for a
   * document the server already refused it.
   */
  BadMessage: 4400,
  /** The socket did not open a board in time after connecting. Temporary: the client reconnects. */
  Timeout: 4408,
  /**
   * The socket or its user sent more messages or bytes than the rate limits allow, or more than the
   * server keeps for a document whose access is still being checked. Temporary: the client reconnects.
   */
  TooManyMessages: 4429,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

const NAMES = new Map<number, CloseCodeName>(
  Object.entries(CloseCode).map(([name, code]) => [code, name as CloseCodeName]),
);

/** The reason string for a refused or closed document: `"4403:Forbidden"`. */
export function closeReason(code: CloseCodeValue): string {
  return `${code}:${NAMES.get(code)}`;
}

/** Reads a numeric close code, or a reason built by `closeReason`; null when it is neither. */
export function parseCloseReason(codeOrReason: number | string | undefined): CloseCodeName | null {
  if (typeof codeOrReason === 'number') return NAMES.get(codeOrReason) ?? null;
  if (typeof codeOrReason !== 'string') return null;
  const code = Number(codeOrReason.split(':')[0]);
  return NAMES.get(code) ?? null;
}

/** What a person should read when the connection ends for this reason. */
export const closeMessages: Record<CloseCodeName, string> = {
  Unauthorized: 'You were signed out. Sign in again to keep working on this board.',
  Forbidden: 'You no longer have access to this board.',
  NotFound: 'This board does not exist or was archived.',
  ForeignOrigin: 'This page is not allowed to connect to the board server.',
  MessageTooLarge: 'A change was too large to send. Try a smaller edit.',
  BadMessage: 'The board server could not understand this page. Reload it to keep working.',
  Timeout: 'The board server did not hear from this page in time. Reconnecting…',
  TooManyMessages: 'Too many changes at once: the board server paused this connection. Reconnecting in a moment…',
};

/** Closes after which the client should reconnect (with backoff) rather than give up. */
export const temporaryCloses: ReadonlySet<CloseCodeName> = new Set<CloseCodeName>(['Timeout', 'TooManyMessages']);
