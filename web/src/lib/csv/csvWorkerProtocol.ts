import type {
  CsvMapping,
  ImportRow,
  MappedPostRows,
  PostCsvMapping,
  PostMatchCreator,
  RowContext,
} from '@roster/shared';

/** A file read by the worker: its header, a few rows to show, how many rows it has. */
export type ReadSummary =
  | {
      ok: true;
      headers: string[];
      /** The first rows, for the mapping step's samples and preview. */
      sample: string[][];
      rowCount: number;
      encoding: string;
      delimiter: string;
    }
  | { ok: false; message: string };

/** A row that will not be imported: its row number in the file (the header is row 1), why, and its cells. */
export interface RejectedRow {
  line: number;
  reasons: string[];
  cells: string[];
}

/** Every row of the file read with one mapping. */
export interface MappedRows {
  rows: { line: number; row: ImportRow }[];
  rejected: RejectedRow[];
}

export type WorkerRequest =
  | { type: 'read'; file: Blob }
  | { type: 'map'; id: number; mapping: CsvMapping; context: RowContext }
  /** Posted content (lib/results): rows matched to the board's creators. */
  | { type: 'mapPosts'; id: number; mapping: PostCsvMapping; creators: PostMatchCreator[] };

export type WorkerResponse =
  | { type: 'read'; summary: ReadSummary }
  | ({ type: 'mapped'; id: number } & MappedRows)
  | ({ type: 'mappedPosts'; id: number } & MappedPostRows)
  | { type: 'failed'; message: string };
