/**
 * What a CSV import accepts, checked before and while parsing so a hostile or mistaken file gets
 * a sentence instead of a frozen tab. 20,000 rows is the largest board the product promises to
 * open in under a second (SPEC §9); a full row of every field is well under 1 KB, so 20 MB holds
 * 20,000 such rows with room to spare and is parsed in a worker in about a second.
 */
export const CSV_LIMITS = {
  /** Largest file accepted, in bytes; larger ones are refused before they are read. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Most data rows (the header not counted). */
  maxRows: 20_000,
  /** Most columns in a file. */
  maxColumns: 200,
  /**
   * Longest cell that is imported, in characters. The longest real value is a follower history
   * (400 days × ~20 characters); a longer cell is a pasted document, not a field.
   */
  maxCellChars: 10_000,
} as const;

/** "20 MB", "1.5 MB", "320 KB": a size as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
