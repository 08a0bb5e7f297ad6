/**
 * Stateless messages the server sends on a board's document, built and parsed here. They are
 * hints only: an editor's client can broadcast any stateless payload to the others on a board
 * (Hocuspocus relays it), so a client that receives one re-reads what changed from the server
 * instead of trusting the payload.
 */
export const BoardSignal = {
  /** The board's name (PostgreSQL `boards.name`) changed: reload it. */
  Renamed: 'roster:board-renamed',
} as const;
export type BoardSignal = (typeof BoardSignal)[keyof typeof BoardSignal];

const SIGNALS = new Set<string>(Object.values(BoardSignal));

/** The signal a stateless payload carries, or null for anything else. */
export function parseBoardSignal(payload: string): BoardSignal | null {
  return SIGNALS.has(payload) ? (payload as BoardSignal) : null;
}
