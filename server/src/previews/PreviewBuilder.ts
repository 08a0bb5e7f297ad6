import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';

export interface PreviewWorkerData {
  databaseUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** PREVIEW_MIN_CREATORS: a smaller board gets no preview (and loses one it had). */
  minCreators: number;
}

export interface PreviewJob {
  boardId: string;
}

export type PreviewResult =
  { boardId: string; ok: true; creators: number; ms: number } | { boardId: string; ok: false; error: string };

/**
 * Builds board previews in a worker thread, one board at a time, each board queued at most once:
 * a preview reads the whole board (~1.25 s at 20,000 creators), which on the collab server's own
 * thread would stall every live board. The worker starts with the first job and reads PostgreSQL
 * itself. A failed build (or a worker that died) is logged and changes nothing else: the page
 * shows the older preview, or none.
 */
export class PreviewBuilder {
  private worker: Worker | null = null;
  /** Boards waiting, in the order asked (a Set keeps insertion order). */
  private readonly queued = new Set<string>();
  private running: string | null = null;
  private closed = false;

  constructor(
    private readonly data: PreviewWorkerData,
    private readonly log: Logger,
  ) {}

  /** Asks for the board's preview to be built; nothing if it is waiting already. */
  request(boardId: string): void {
    if (this.closed || this.queued.has(boardId)) return;
    this.queued.add(boardId);
    this.next();
  }

  /** Stops the worker; a build in progress is abandoned (its board keeps its older preview). */
  async close(): Promise<void> {
    this.closed = true;
    this.queued.clear();
    const worker = this.worker;
    this.worker = null;
    this.running = null;
    await worker?.terminate();
  }

  private next(): void {
    if (this.running || this.closed) return;
    const [boardId] = this.queued;
    if (boardId === undefined) return;
    this.queued.delete(boardId);
    this.running = boardId;
    const job: PreviewJob = { boardId };
    this.ensureWorker().postMessage(job);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./previewWorker.mjs', import.meta.url), { workerData: this.data });
    worker.unref();
    worker.on('message', (result: PreviewResult) => {
      if (result.ok) this.log.debug('built a board preview', { ...result, ms: Math.round(result.ms) });
      else this.log.error('could not build a board preview', { boardId: result.boardId, error: result.error });
      this.finished();
    });
    worker.on('error', (error) => {
      this.log.error('the preview worker failed', { boardId: this.running, error: String(error) });
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      // Died (not closed): the job it had is given up, the next one starts a new worker.
      this.worker = null;
      if (this.running) this.finished();
    });
    this.worker = worker;
    return worker;
  }

  private finished(): void {
    this.running = null;
    this.next();
  }
}
