import Papa from 'papaparse';
import { CSV_LIMITS, decodeCsvBytes } from '@roster/shared';

/** A CSV file read: its header and data rows (cells as text), or why it cannot be imported. */
export type ReadCsv =
  | { ok: true; headers: string[]; rows: string[][]; encoding: 'UTF-8' | 'UTF-16'; delimiter: string }
  | { ok: false; message: string };

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/**
 * Reads a CSV file's bytes (strictly decoded, see decodeCsvBytes) with papaparse, row by row,
 * stopping as soon as the file is over a limit: more than CSV_LIMITS.maxRows rows or
 * maxColumns columns, or a quote never closed (which would swallow the rest of the file into
 * one cell). The delimiter is detected (comma, semicolon as European Excel writes, tab as
 * Excel's "Unicode text"). Blank lines are skipped. Runs in the import's worker.
 */
export function readCsv(bytes: Uint8Array): ReadCsv {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return decoded;
  let headers: string[] | null = null;
  const rows: string[][] = [];
  let problem: string | null = null;
  let delimiter = ',';
  Papa.parse<string[]>(decoded.text, {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
    step(result, parser) {
      delimiter = result.meta.delimiter;
      const quote = result.errors.find((error) => error.code === 'MissingQuotes');
      if (quote) {
        problem = `Row ${rows.length + 2} opens a quoted cell (") that is never closed, so the rest of the file cannot be read. Close the quote and try again.`;
        parser.abort();
        return;
      }
      const cells = result.data;
      if (cells.length > CSV_LIMITS.maxColumns) {
        problem = `Row ${rows.length + (headers ? 2 : 1)} has ${plural(cells.length, 'column')}; Roster imports files of up to ${CSV_LIMITS.maxColumns} columns.`;
        parser.abort();
        return;
      }
      if (!headers) {
        headers = cells.map((cell) => cell.trim());
        return;
      }
      if (rows.length === CSV_LIMITS.maxRows) {
        problem = `This file has more than ${plural(CSV_LIMITS.maxRows, 'row')}; Roster imports up to ${CSV_LIMITS.maxRows.toLocaleString('en')} at a time. Split it into smaller files.`;
        parser.abort();
        return;
      }
      rows.push(cells);
    },
  });
  if (problem) return { ok: false, message: problem };
  if (!headers) return { ok: false, message: 'This file is empty: there is nothing to import.' };
  if (rows.length === 0)
    return { ok: false, message: 'This file has a header row but no rows below it: there is nothing to import.' };
  return { ok: true, headers, rows, encoding: decoded.encoding, delimiter };
}

/** CSV text of rows, every cell quoted where needed, with a byte-order mark so Excel reads it as UTF-8. */
export function writeCsv(rows: string[][]): string {
  // Cells are escaped against formulas by the shared exportRows / reportRows already.
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}`;
}
