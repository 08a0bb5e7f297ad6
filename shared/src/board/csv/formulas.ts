/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some strip a
 * leading tab or carriage return first), so a creator named `=HYPERLINK("http://evil","Click")`
 * would become a live link, or worse, in whoever opens the export (OWASP "CSV injection"). An
 * export writes such cells with a leading apostrophe, which spreadsheets show as text and hide;
 * an import drops that one apostrophe again, so exported data reads back unchanged. Imported
 * values are only ever stored as text or parsed as numbers, never evaluated.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A cell as an export writes it: a leading apostrophe before anything a spreadsheet would run. */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A cell as an import reads it: the apostrophe `escapeFormula` added, removed. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
