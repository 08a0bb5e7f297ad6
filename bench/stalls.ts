// When a process stalled: a 5 ms timer chain notes every wake-up that came late, and GC pauses are
// noted with their start, both on the wall clock (epoch ms) so that the server's and the load
// process's stalls can be lined up with the slow arrivals (`pnpm bench --timeline`).
import { PerformanceObserver } from 'node:perf_hooks';

export interface StallRecord {
  /** Epoch ms at which the stall (or GC pause) began. */
  at: number;
  ms: number;
  what: 'loop' | 'gc';
  /** For GC: minor (scavenge), major (mark-compact), incremental, weakcb. */
  kind?: string;
}

export const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };

const TICK_MS = 5;
const NOTE_OVER_MS = 4;

export function watchStalls() {
  let records: StallRecord[] = [];
  let expected = performance.now() + TICK_MS;
  const tick = () => {
    const now = performance.now();
    const late = now - expected;
    if (late > NOTE_OVER_MS) records.push({ at: performance.timeOrigin + expected, ms: late, what: 'loop' });
    expected = now + TICK_MS;
    setTimeout(tick, TICK_MS).unref();
  };
  setTimeout(tick, TICK_MS).unref();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[(entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0];
      // Every major GC is noted, however short its pause: its marking ran on other threads meanwhile.
      if (entry.duration > NOTE_OVER_MS || kind === 'major')
        records.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, what: 'gc', kind });
    }
  }).observe({ entryTypes: ['gc'] });
  return {
    reset: () => void (records = []),
    list: () => records,
  };
}

/** The longest stall of each kind in each bucket of `bucketMs` from `since` (epoch ms). */
export function stallsByBucket(records: StallRecord[], since: number, bucketMs: number, buckets: number) {
  const loop = new Array<number>(buckets).fill(0);
  const gc = new Array<number>(buckets).fill(0);
  const major = new Array<boolean>(buckets).fill(false);
  for (const record of records) {
    const bucket = Math.floor((record.at - since) / bucketMs);
    if (bucket < 0 || bucket >= buckets) continue;
    const target = record.what === 'loop' ? loop : gc;
    target[bucket] = Math.max(target[bucket]!, Math.round(record.ms));
    if (record.kind === 'major') major[bucket] = true;
  }
  return { loop, gc, major };
}
