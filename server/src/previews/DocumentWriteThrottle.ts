const DONE = Promise.resolve();

interface Slot {
  /** The write asked for last (each reads what has accumulated when it runs). */
  write: () => Promise<void>;
  /** When the last write of this document started (performance.now()). */
  startedAt: number;
  running: Promise<void> | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** A write was asked for that has not started yet. */
  due: boolean;
}

/**
 * Runs each document's write at most once per `intervalMs`, one at a time, and the last one asked
 * for always: the first write runs at once, one asked for sooner after it runs once the interval
 * has passed (asking again meanwhile changes nothing), and `flush` runs a due one now.
 *
 * For what the server keeps beside a document and rebuilds from it (a board's preview): each
 * write reads what has accumulated since the previous one, so fewer writes lose nothing. Hocuspocus
 * runs its store hooks after every edit (STORE_DEBOUNCE_MS=0), and a preview build reads the whole
 * board.
 */
export class DocumentWriteThrottle {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly intervalMs: number) {}

  /** Asks for `write` to run for this document; resolves once it ran, or at once when it will run later. */
  request(name: string, write: () => Promise<void>): Promise<void> {
    let slot = this.slots.get(name);
    if (!slot) {
      slot = { write, startedAt: -Infinity, running: null, timer: null, due: false };
      this.slots.set(name, slot);
    }
    slot.write = write;
    if (slot.running || slot.timer) {
      slot.due = true;
      return DONE;
    }
    const wait = slot.startedAt + this.intervalMs - performance.now();
    if (wait > 0) {
      slot.due = true;
      this.schedule(name, slot, wait);
      return DONE;
    }
    return this.run(name, slot);
  }

  /** Runs the document's due write now (after one in flight), and forgets the document. */
  async flush(name: string): Promise<void> {
    const slot = this.slots.get(name);
    if (!slot) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    await slot.running;
    if (slot.due) await this.run(name, slot);
    // A write asked for during this one belongs to the next load of the document.
    if (this.slots.get(name) === slot && !slot.running) this.slots.delete(name);
  }

  /** Flushes every document (the server is stopping). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.slots.keys()].map((name) => this.flush(name)));
  }

  private schedule(name: string, slot: Slot, wait: number): void {
    slot.timer = setTimeout(
      () => {
        slot.timer = null;
        if (slot.due && !slot.running) void this.run(name, slot);
      },
      Math.max(0, wait),
    );
    slot.timer.unref();
  }

  private run(name: string, slot: Slot): Promise<void> {
    slot.due = false;
    slot.startedAt = performance.now();
    const running = slot.write().finally(() => {
      slot.running = null;
      // Asked for while this one ran: its turn comes once the interval has passed.
      if (slot.due && !slot.timer && this.slots.get(name) === slot)
        this.schedule(name, slot, slot.startedAt + this.intervalMs - performance.now());
    });
    slot.running = running;
    return running;
  }
}
