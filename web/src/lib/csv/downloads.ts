import { escapeFormula } from '@roster/shared';
import type { RejectedRow } from './csvWorkerProtocol';
import { writeCsv } from './readCsv';

/** Saves rows as a CSV file through the browser's download. */
export function downloadCsv(fileName: string, rows: string[][]): void {
  const url = URL.createObjectURL(new Blob([writeCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(fileName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The rejected rows as a file to fix and import again: the row number and the reason first,
 * then the row's own cells under the file's headers. Cells are escaped like an export's: a
 * hostile file's formulas must not run in the spreadsheet that opens its report.
 */
export function rejectedReport(headers: readonly string[], rejected: readonly RejectedRow[]): string[][] {
  return [
    ['Row', 'Reason', ...headers].map(escapeFormula),
    ...rejected.map((row) => [String(row.line), row.reasons.join(' '), ...row.cells].map(escapeFormula)),
  ];
}

/** A file name every system accepts: no path separators, reserved characters or control characters. */
function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(char) ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || 'roster.csv';
}
