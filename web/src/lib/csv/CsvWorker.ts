import type { CsvMapping, MappedPostRows, PostCsvMapping, PostMatchCreator, RowContext } from '@roster/shared';
import type { MappedRows, ReadSummary, WorkerRequest, WorkerResponse } from './csvWorkerProtocol';

/**
 * The page's side of the CSV worker (csv.worker.ts): `read` a file once, then `map` it as often
 * as the person changes the mapping; an answer to an older mapping is dropped.
 */
export class CsvWorker {
  private readonly worker = new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
  private lastId = 0;
  private waiting = new Map<string | number, (response: WorkerResponse) => void>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const response = event.data;
      if (response.type === 'failed') {
        for (const resolve of this.waiting.values()) resolve(response);
        this.waiting.clear();
        return;
      }
      const key = response.type === 'read' ? 'read' : response.id;
      this.waiting.get(key)?.(response);
      this.waiting.delete(key);
    };
  }

  read(file: Blob): Promise<ReadSummary> {
    return new Promise((resolve) => {
      this.waiting.set('read', (response) =>
        resolve(response.type === 'read' ? response.summary : { ok: false, message: failure(response) }),
      );
      this.send({ type: 'read', file });
    });
  }

  /** The file's rows under a mapping, or null when a newer mapping was asked for meanwhile. */
  map(mapping: CsvMapping, context: RowContext): Promise<MappedRows | { failed: string } | null> {
    const id = ++this.lastId;
    for (const key of this.waiting.keys())
      if (typeof key === 'number') this.waiting.get(key)?.({ type: 'mapped', id: -1, rows: [], rejected: [] });
    return new Promise((resolve) => {
      this.waiting.set(id, (response) => {
        if (response.type === 'failed') resolve({ failed: response.message });
        else if (response.type === 'mapped' && response.id === id)
          resolve({ rows: response.rows, rejected: response.rejected });
        else resolve(null);
      });
      // $state proxies cannot be cloned into a worker: send plain copies.
      this.send({ type: 'map', id, mapping: [...mapping], context: JSON.parse(JSON.stringify(context)) as RowContext });
    });
  }

  /** The file's rows as posts of the board's creators (lib/results), or null when a newer mapping was asked for. */
  mapPosts(mapping: PostCsvMapping, creators: PostMatchCreator[]): Promise<MappedPostRows | { failed: string } | null> {
    const id = ++this.lastId;
    return new Promise((resolve) => {
      this.waiting.set(id, (response) => {
        if (response.type === 'failed') resolve({ failed: response.message });
        else if (response.type === 'mappedPosts' && response.id === id)
          resolve({ rows: response.rows, rejected: response.rejected });
        else resolve(null);
      });
      this.send({ type: 'mapPosts', id, mapping: [...mapping], creators: JSON.parse(JSON.stringify(creators)) });
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.waiting.clear();
  }

  private send(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }
}

function failure(response: WorkerResponse): string {
  return response.type === 'failed' ? response.message : 'This file could not be read.';
}
