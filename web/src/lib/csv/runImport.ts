import { IMPORT_BATCH_LIMIT, importCreators, type ImportRow } from '@roster/shared';
import type { BoardState } from '$lib/board/BoardState.svelte';
import type { RejectedRow } from './csvWorkerProtocol';

/** How an import is going, after each batch. */
export interface ImportProgress {
  /** Rows applied or refused so far, of `total`. */
  done: number;
  total: number;
  added: number;
  updated: number;
  /** Rows a batch refused (a status archived meanwhile, a role changed). */
  refused: RejectedRow[];
}

export interface ImportOutcome extends ImportProgress {
  /** Why the import stopped before the end, or null when it finished. */
  stopped: string | null;
  /** Milliseconds from the first batch to the last. */
  elapsedMs: number;
}

/**
 * Pacing, so an import neither freezes the page nor trips the server's limits:
 * - Each batch is one `importCreators` (one Yjs transaction, one update teammates receive). Its
 *   size adapts so a batch takes about TARGET_BATCH_MS on this machine (200 rows of every field
 *   took 30–60 ms in Node, longer on a slow laptop), and the page gets the thread back between
 *   batches to draw the progress bar and the creators that arrived.
 * - The server allows 1 MiB/s per connection with a 20 s burst (CONNECTION_BYTES_PER_SECOND,
 *   RATE_LIMIT_BURST_SECONDS) and closes a socket past it. A batch of 200 rows is ~150 KB of
 *   board update plus ~25 KB of activity, so 10,000 rows are ~9 MB: the import spends at most
 *   BURST_BYTES at once and then BYTES_PER_SECOND, well inside the defaults.
 * - It waits while the board is not live (reconnecting) instead of piling up offline changes,
 *   and while more than UNSTORED_BYTES of it are not yet stored by the server: a server busy
 *   with other boards (or a slow disk) sets the pace, instead of falling minutes behind.
 */
const TARGET_BATCH_MS = 20;
const FIRST_BATCH = 50;
const MIN_BATCH = 10;
const BURST_BYTES = 8 * 1024 * 1024;
const BYTES_PER_SECOND = 768 * 1024;
const UNSTORED_BYTES = 2 * 1024 * 1024;

export async function runImport(
  board: BoardState,
  rows: readonly { line: number; row: ImportRow }[],
  { signal, onProgress }: { signal: AbortSignal; onProgress: (progress: ImportProgress) => void },
): Promise<ImportOutcome> {
  const progress: ImportProgress = { done: 0, total: rows.length, added: 0, updated: 0, refused: [] };
  const started = performance.now();
  const startBytes = board.sentBytes;
  let size = FIRST_BATCH;
  let stopped: string | null = null;
  while (progress.done < rows.length) {
    if (signal.aborted) {
      stopped = 'cancelled';
      break;
    }
    if (!board.canEdit) {
      stopped = 'Your role changed: you can no longer change this board.';
      break;
    }
    if (board.status !== 'live') {
      await pause(200);
      continue;
    }
    if (board.unstoredBytes > UNSTORED_BYTES) {
      await Promise.race([board.whenStored(), pause(1000)]);
      continue;
    }
    const spent = board.sentBytes - startBytes;
    const allowed = BURST_BYTES + ((performance.now() - started) / 1000) * BYTES_PER_SECOND;
    if (spent > allowed) {
      await pause(Math.min(1000, ((spent - allowed) / BYTES_PER_SECOND) * 1000));
      continue;
    }
    const batch = rows.slice(progress.done, progress.done + size);
    const before = performance.now();
    const result = board.apply(importCreators, { rows: batch.map((entry) => entry.row) });
    const took = performance.now() - before;
    if (result.ok) {
      progress.added += result.added;
      progress.updated += result.updated;
    } else {
      progress.refused.push(
        ...batch.map((entry) => ({ line: entry.line, reasons: [result.error.message], cells: [] })),
      );
    }
    progress.done += batch.length;
    onProgress({ ...progress });
    size = Math.max(MIN_BATCH, Math.min(IMPORT_BATCH_LIMIT, Math.round((size * TARGET_BATCH_MS) / Math.max(took, 1))));
    // Give the page the thread: the progress bar and the new cards are drawn before the next batch.
    await nextFrame();
  }
  return { ...progress, stopped, elapsedMs: performance.now() - started };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves after the next frame was drawn (or soon, in a background tab where frames stop). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}
