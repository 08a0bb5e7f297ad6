import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CSV_LIMITS,
  exportRows,
  guessMapping,
  importCreators,
  mapRow,
  readBoard,
  runOperation,
  type ImportRow,
} from '@roster/shared';
import { readCsv, writeCsv } from './readCsv';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading a CSV file', () => {
  it('reads quoted cells with commas, quotes and line breaks', () => {
    const result = readCsv(bytes('Name,Bio\r\n"Hart, Mia","She said ""hi""\nand left"\r\n'));
    expect(result).toMatchObject({
      ok: true,
      headers: ['Name', 'Bio'],
      rows: [['Hart, Mia', 'She said "hi"\nand left']],
      delimiter: ',',
    });
  });

  it('detects the semicolons European Excel writes and skips blank lines', () => {
    expect(readCsv(bytes('Name;Followers\n\nMia;48,2k\n\n'))).toMatchObject({
      ok: true,
      rows: [['Mia', '48,2k']],
      delimiter: ';',
    });
  });

  it('refuses a file with a header and no rows', () => {
    expect(readCsv(bytes('Name,Followers\n'))).toEqual({
      ok: false,
      message: 'This file has a header row but no rows below it: there is nothing to import.',
    });
  });

  it('stops at the row limit with a sentence instead of reading on', () => {
    const text = `Name\n${'Mia\n'.repeat(CSV_LIMITS.maxRows + 1)}`;
    expect(readCsv(bytes(text))).toEqual({
      ok: false,
      message:
        'This file has more than 20,000 rows; Roster imports up to 20,000 at a time. Split it into smaller files.',
    });
  });

  it('names the row of a quote that is never closed', () => {
    expect(readCsv(bytes('Name,Bio\nMia,ok\nLeo,"never closed\nSofia,fine\n'))).toEqual({
      ok: false,
      message:
        'Row 3 opens a quoted cell (") that is never closed, so the rest of the file cannot be read. Close the quote and try again.',
    });
  });

  it('refuses a file with too many columns', () => {
    const result = readCsv(bytes(`${Array.from({ length: 201 }, (_, i) => `c${i}`).join(',')}\n1\n`));
    expect(!result.ok && result.message).toBe('Row 1 has 201 columns; Roster imports files of up to 200 columns.');
  });

  it('passes on the decoder’s sentence for a file that is not UTF-8', () => {
    const result = readCsv(new Uint8Array([...bytes('Name\nRen'), 0xe9, 0x0a]));
    expect(!result.ok && result.message).toMatch(/^This file is not UTF-8 text/);
  });

  it('writes an export that reads back, escaped formulas and all, into the same creators', () => {
    const source = new Y.Doc();
    const rows: ImportRow[] = [
      {
        profile: {
          name: '=1+2, "quoted"\nline',
          handles: [{ platform: 'tiktok', handle: 'mia_tt' }],
          audience: { countries: { DE: 60 } },
          followers: 1200,
        },
        tags: ['@home'],
      },
    ];
    runOperation(source, importCreators, { rows }, { actor: { id: 'u', name: 'U' }, now: 1 });
    const board = readBoard(source);
    const text = writeCsv(exportRows(board.creators, { statuses: board.statuses, members: [] }));
    expect(text).toContain('"\'=1+2, ""quoted""\nline"');
    const read = readCsv(bytes(text));
    if (!read.ok) throw new Error(read.message);
    const row = mapRow(read.rows[0]!, guessMapping(read.headers), {
      statuses: board.statuses,
      members: [],
      defaultPlatform: 'instagram',
      defaultCurrency: 'EUR',
    });
    expect(row).toMatchObject({
      ok: true,
      row: {
        profile: {
          name: '=1+2, "quoted"\nline',
          handles: [{ platform: 'tiktok', handle: 'mia_tt' }],
          audience: { countries: { DE: 60 } },
        },
        tags: ['@home'],
      },
    });
  });
});
