import type { Logger } from '../log.ts';

/** How many session ids one sweep query asks about. */
const SWEEP_BATCH = 1000;

/**
 * The open sockets of each session on this instance, so that the end of a session closes every
 * socket it opened (by cookie, or by a collab token it minted). Sign-out, a password change and
 * "sign out everywhere" arrive as access events, from every instance through Redis. A session that
 * expires, or ends in a way no event reports (deleted in the database, an event lost with Redis),
 * is found by a sweep every SESSION_CHECK_INTERVAL_MS: one query over the sessions tracked here.
 */
export class SessionSockets {
  private readonly sockets = new Map<string, Set<() => void>>();
  private readonly timer: ReturnType<typeof setInterval>;
  private sweeping: Promise<void> | null = null;

  /**
   * @param endedOf which of the given session ids have ended (SessionStore.ended)
   * @param intervalMs time between sweeps
   */
  constructor(
    private readonly endedOf: (sessionIds: string[]) => Promise<string[]>,
    intervalMs: number,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.sweep(), intervalMs);
    this.timer.unref();
  }

  /** Tracks a socket of a session; `end` closes it. Returns the function that forgets it. */
  add(sessionId: string, end: () => void): () => void {
    let ends = this.sockets.get(sessionId);
    if (!ends) {
      ends = new Set();
      this.sockets.set(sessionId, ends);
    }
    ends.add(end);
    const tracked = ends;
    return () => {
      tracked.delete(end);
      if (tracked.size === 0 && this.sockets.get(sessionId) === tracked) this.sockets.delete(sessionId);
    };
  }

  /** Closes every socket of these sessions on this instance. */
  end(sessionIds: Iterable<string>): void {
    for (const sessionId of sessionIds) {
      const ends = this.sockets.get(sessionId);
      if (!ends) continue;
      this.sockets.delete(sessionId);
      for (const end of ends) end();
    }
  }

  /** Asks the database which tracked sessions have ended, and closes their sockets. */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      const ids = [...this.sockets.keys()];
      for (let start = 0; start < ids.length; start += SWEEP_BATCH) {
        this.end(await this.endedOf(ids.slice(start, start + SWEEP_BATCH)));
      }
    })()
      .catch((error: unknown) => this.log.error('checking open sessions failed', { error: String(error) }))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
