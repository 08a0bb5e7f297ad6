import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_COLUMNS,
  exportRows,
  guessMapping,
  importCreators,
  mapRow,
  readBoard,
  runOperation,
  type Creator,
  type ImportRow,
} from '../../index.ts';
import { context } from '../testing.ts';

const members = [{ id: 'u-ann', name: 'Ann Lee' }];

/** A board with one creator of every field, and one with only a name. */
function fullBoard(): Y.Doc {
  const doc = new Y.Doc();
  const rows: ImportRow[] = [
    {
      profile: {
        name: '=HYPERLINK("http://evil.example","Mia")',
        handles: [
          { platform: 'instagram', handle: 'mia.hart', url: 'https://instagram.com/mia.hart' },
          { platform: 'youtube', handle: 'UCabcdefghijklmnopqrstuv' },
          { platform: 'other', handle: 'mia_blog' },
        ],
        profileUrl: 'https://mia.example/about',
        email: 'mia@example.com',
        country: '+49 Germany',
        language: 'German',
        categories: ['travel', 'food'],
        followers: 48200,
        engagementRate: 3.45,
        avgViews: 12000,
        aqs: 71,
        audience: {
          countries: { DE: 60.5, AT: 10 },
          ages: { '18-24': 40, '25-34': 35 },
          gender: { female: 60, male: 38, other: 2 },
          education: { university: 40 },
          income: { high: 20 },
          interests: ['hiking', 'coffee'],
        },
        followerHistory: [
          { date: '2026-05-01', followers: 41000 },
          { date: '2026-06-01', followers: 48200 },
        ],
        brandSafety: ['@mentions alcohol', 'swearing'],
        brandSafetyRisk: 'medium',
      },
      tags: ['-summer', 'berlin'],
      fee: { amount: 1250.5, currency: 'USD' },
      statuses: {
        influencer: 'influencer.negotiating',
        contract: 'contract.contract-sent',
        payment: 'payment.50pct-paid',
      },
      assignee: 'u-ann',
    },
    { profile: { name: 'Leo Berg' } },
  ];
  const result = runOperation(doc, importCreators, { rows }, context());
  if (!result.ok) throw new Error(result.error.message);
  return doc;
}

/** What an import must reproduce: every field but the board's own ids, order keys and dates. */
function data(creator: Creator) {
  const { id, rank, createdAt, ...rest } = creator;
  void [id, rank, createdAt];
  return rest;
}

describe('CSV export', () => {
  it('writes a header of every field and one row per creator', () => {
    const doc = fullBoard();
    const board = readBoard(doc);
    const rows = exportRows(board.creators, { statuses: board.statuses, members });
    expect(rows[0]).toEqual(EXPORT_COLUMNS.map((c) => c.label));
    expect(rows).toHaveLength(3);
    const cell = (label: string) => rows[1]![rows[0]!.indexOf(label)];
    expect(cell('Influencer status')).toBe('Negotiating');
    expect(cell('Payment status')).toBe('50% paid');
    expect(cell('Audience countries')).toBe('DE 60.5; AT 10');
    expect(cell('Audience gender')).toBe('female 60; male 38; other 2');
    expect(cell('AQS band')).toBe('Very good');
    expect(cell('Assignee')).toBe('Ann Lee');
    expect(cell('Fee')).toBe('1250.5');
    expect(cell('Currency')).toBe('USD');
    expect(cell('Brand-safety risk')).toBe('Medium risk');
  });

  it('escapes cells that a spreadsheet would run as formulas', () => {
    const board = readBoard(fullBoard());
    const rows = exportRows(board.creators, { statuses: board.statuses, members });
    const cell = (label: string) => rows[1]![rows[0]!.indexOf(label)];
    expect(cell('Name')).toBe('\'=HYPERLINK("http://evil.example","Mia")');
    expect(cell('Country')).toBe("'+49 Germany");
    expect(cell('Tags')).toBe("'-summer, berlin");
    expect(cell('Brand-safety flags')).toBe("'@mentions alcohol, swearing");
    for (const row of rows) for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('reads back into an empty board as the same data', () => {
    const source = readBoard(fullBoard());
    const rows = exportRows(source.creators, { statuses: source.statuses, members });
    const mapping = guessMapping(rows[0]!);
    const read = rows.slice(1).map((cells) =>
      mapRow(cells, mapping, {
        statuses: source.statuses,
        members,
        defaultPlatform: 'instagram',
        defaultCurrency: 'EUR',
      }),
    );
    const imported: ImportRow[] = read.map((row) => {
      if (!row.ok) throw new Error(row.reasons.join(' '));
      return row.row;
    });
    const target = new Y.Doc();
    expect(runOperation(target, importCreators, { rows: imported }, context('Bo', 'b')).ok).toBe(true);
    expect(readBoard(target).creators.map(data)).toEqual(source.creators.map(data));
  });

  it('imported twice, updates the creators it added instead of adding them again', () => {
    const source = readBoard(fullBoard());
    const rows = exportRows(source.creators.slice(0, 1), { statuses: source.statuses, members });
    const row = mapRow(rows[1]!, guessMapping(rows[0]!), {
      statuses: source.statuses,
      members,
      defaultPlatform: 'instagram',
      defaultCurrency: 'EUR',
    });
    const target = new Y.Doc();
    const ctx = context();
    if (!row.ok) throw new Error(row.reasons.join(' '));
    runOperation(target, importCreators, { rows: [row.row] }, ctx);
    expect(runOperation(target, importCreators, { rows: [row.row] }, ctx)).toMatchObject({ added: 0, updated: 1 });
    expect(readBoard(target).creators).toHaveLength(1);
  });
});
