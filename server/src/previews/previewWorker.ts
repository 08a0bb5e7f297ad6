// The preview worker's thread (see PreviewBuilder): builds one board's preview per message, with
// its own database connection, so the collab server's event loop never runs a full board read.
import { parentPort, workerData } from 'node:worker_threads';
import { createSql } from '../db/client.ts';
import { DocumentStore } from '../collab/documentStore.ts';
import { createLogger } from '../log.ts';
import { BoardPreviews } from './BoardPreviews.ts';
import { buildStoredPreview } from './buildStoredPreview.ts';
import type { PreviewJob, PreviewResult, PreviewWorkerData } from './PreviewBuilder.ts';

const { databaseUrl, logLevel, minCreators } = workerData as PreviewWorkerData;
const sql = createSql(databaseUrl, { max: 1 });
const deps = {
  sql,
  // Loads only: the instance id names appended rows, and this store appends none.
  store: new DocumentStore(sql, 'preview-worker'),
  previews: new BoardPreviews(sql),
  log: createLogger(logLevel),
  minCreators,
};

parentPort!.on('message', (job: PreviewJob) => {
  const started = performance.now();
  buildStoredPreview(deps, job.boardId).then(
    ({ creators }) => reply({ boardId: job.boardId, ok: true, creators, ms: performance.now() - started }),
    (error: unknown) => reply({ boardId: job.boardId, ok: false, error: String(error) }),
  );
});

function reply(result: PreviewResult): void {
  parentPort!.postMessage(result);
}
