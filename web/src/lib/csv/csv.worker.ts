/// <reference lib="webworker" />
import { CSV_LIMITS, mapPostRows, mapRow } from '@roster/shared';
import type { MappedRows, WorkerRequest, WorkerResponse } from './csvWorkerProtocol';
import { readCsv } from './readCsv';

// Reads and maps a CSV file off the page's thread: decoding and parsing 20 MB, or mapping 20,000
// rows, takes long enough to freeze a tab. The file's rows stay here; the page gets a summary,
// then the mapped rows for the mapping it chose.

const SAMPLE_ROWS = 8;
let rows: string[][] = [];

const post = (message: WorkerResponse) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'read') {
      const read = readCsv(new Uint8Array(await request.file.arrayBuffer()));
      rows = read.ok ? read.rows : [];
      post({
        type: 'read',
        summary: read.ok
          ? {
              ok: true,
              headers: read.headers,
              sample: read.rows.slice(0, SAMPLE_ROWS),
              rowCount: read.rows.length,
              encoding: read.encoding,
              delimiter: read.delimiter,
            }
          : read,
      });
    } else if (request.type === 'mapPosts') {
      post({ type: 'mappedPosts', id: request.id, ...mapPostRows(rows, request.mapping, request.creators) });
    } else {
      const mapped: MappedRows = { rows: [], rejected: [] };
      rows.forEach((cells, index) => {
        const line = index + 2;
        const result = mapRow(cells, request.mapping, request.context);
        if (result.ok) mapped.rows.push({ line, row: result.row });
        else
          mapped.rejected.push({
            line,
            reasons: result.reasons,
            cells: cells.map((cell) => cell.slice(0, CSV_LIMITS.maxCellChars)),
          });
      });
      post({ type: 'mapped', id: request.id, ...mapped });
    }
  } catch (error) {
    // Nothing a file holds should get here; if it does, the page says so instead of waiting.
    post({ type: 'failed', message: `This file could not be read (${String(error).slice(0, 200)}).` });
  }
};
