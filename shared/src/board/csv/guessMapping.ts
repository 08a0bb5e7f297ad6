import { CSV_COLUMNS, CSV_FIELDS, IMPORT_FIELDS, type CsvField } from './csvColumns.ts';

/** For each column of a file, the field it fills, or null when it is not imported. */
export type CsvMapping = (CsvField | null)[];

/** What a person chose for each header before (a header → field, or null for "do not import"). */
export type RememberedMapping = Record<string, CsvField | null>;

/** A header as compared: lower case, letters and digits only ("E-mail " → "email"). */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const KNOWN = new Map<string, CsvField>();
for (const column of CSV_COLUMNS) {
  if (column.exportOnly) continue;
  for (const name of [column.label, column.field, ...column.aliases]) {
    const key = headerKey(name);
    if (key && !KNOWN.has(key)) KNOWN.set(key, column.field);
  }
}

const IMPORTABLE = new Set<string>(IMPORT_FIELDS);

/**
 * Guesses which field each column fills from its header: first what this person chose for the
 * same header before (`remembered`), then the field's own name or a common alternative
 * ("Subscribers" → followers, "E-mail" → email, "IG" → Instagram handle). Each field is filled by
 * one column at most: a second "Email" column is left unmapped rather than overwriting the first.
 */
export function guessMapping(headers: readonly string[], remembered: RememberedMapping = {}): CsvMapping {
  const mapping: CsvMapping = headers.map(() => null);
  const used = new Set<CsvField>();
  const decided = new Set<number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (!key || !Object.hasOwn(remembered, key)) return;
    const field = remembered[key];
    decided.add(index);
    if (field && IMPORTABLE.has(field) && !used.has(field)) {
      mapping[index] = field;
      used.add(field);
    }
  });
  headers.forEach((header, index) => {
    if (decided.has(index)) return;
    const field = KNOWN.get(headerKey(header));
    if (field && !used.has(field)) {
      mapping[index] = field;
      used.add(field);
    }
  });
  return mapping;
}

/** The choices of a mapping to remember for next time, by header. */
export function rememberMapping(headers: readonly string[], mapping: CsvMapping): RememberedMapping {
  const remembered: RememberedMapping = {};
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key) remembered[key] = mapping[index] ?? null;
  });
  return remembered;
}

/** A remembered mapping read back from storage; anything unexpected is dropped. */
export function readRememberedMapping(value: unknown): RememberedMapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const fields = new Set<string>(CSV_FIELDS);
  const remembered: RememberedMapping = {};
  for (const [key, field] of Object.entries(value).slice(0, 500)) {
    if (key.length > 200) continue;
    if (field === null || (typeof field === 'string' && fields.has(field))) remembered[key] = field as CsvField | null;
  }
  return remembered;
}
