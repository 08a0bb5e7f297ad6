import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addCreators,
  archiveStatus,
  IMPORT_BATCH_LIMIT,
  importCreators,
  INITIAL_STATUS,
  readActivity,
  readBoard,
  removeCreators,
  runOperation,
  type ImportRow,
} from '../../index.ts';
import { context } from '../testing.ts';

let ctx = context();
beforeEach(() => {
  ctx = context();
});

function importRows(doc: Y.Doc, rows: ImportRow[]) {
  const result = runOperation(doc, importCreators, { rows }, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const mia: ImportRow = {
  profile: {
    name: 'Mia Hart',
    handles: [{ platform: 'instagram', handle: 'mia.hart' }],
    followers: 48200,
    country: 'DE',
  },
  tags: ['travel'],
  fee: { amount: 1200, currency: 'EUR' },
  statuses: { influencer: 'influencer.shortlisted' },
};

describe('importing creators', () => {
  it('adds new creators with their fields, tags, fee and statuses, in file order', () => {
    const doc = new Y.Doc();
    const result = importRows(doc, [mia, { profile: { name: 'Leo Berg' } }]);
    expect(result).toMatchObject({ added: 2, updated: 0 });
    const [first, second] = readBoard(doc).creators;
    expect(first).toMatchObject({
      name: 'Mia Hart',
      followers: 48200,
      country: 'DE',
      tags: ['travel'],
      fee: { amount: 1200, currency: 'EUR' },
      statuses: { ...INITIAL_STATUS, influencer: 'influencer.shortlisted' },
    });
    expect(second).toMatchObject({ name: 'Leo Berg', statuses: INITIAL_STATUS });
    expect(readActivity(ctx.activity!).map((a) => a.kind)).toEqual(['added', 'added']);
  });

  it('names a creator given only a handle after the handle', () => {
    const doc = new Y.Doc();
    importRows(doc, [{ profile: { handles: [{ platform: 'tiktok', handle: 'leo_b' }] } }]);
    expect(readBoard(doc).creators[0]!.name).toBe('leo_b');
  });

  it('updates the creator with the same handle (any case, with or without @) instead of adding a duplicate', () => {
    const doc = new Y.Doc();
    runOperation(
      doc,
      addCreators,
      {
        creators: [{ name: 'Mia', handles: [{ platform: 'instagram', handle: 'Mia.Hart' }], email: 'mia@example.com' }],
      },
      ctx,
    );
    const result = importRows(doc, [
      {
        profile: {
          handles: [
            { platform: 'instagram', handle: '@mia.hart' },
            { platform: 'tiktok', handle: 'mia_tt' },
          ],
          followers: 50000,
        },
        statuses: { contract: 'contract.contract-sent' },
      },
    ]);
    expect(result).toMatchObject({ added: 0, updated: 1 });
    const creators = readBoard(doc).creators;
    expect(creators).toHaveLength(1);
    expect(creators[0]).toMatchObject({
      name: 'Mia',
      email: 'mia@example.com',
      followers: 50000,
      handles: [
        { platform: 'instagram', handle: 'Mia.Hart' },
        { platform: 'tiktok', handle: 'mia_tt' },
      ],
      statuses: { contract: 'contract.contract-sent' },
    });
    const kinds = readActivity(ctx.activity!).map((a) => `${a.kind}:${a.field ?? a.group}`);
    expect(kinds).toEqual(expect.arrayContaining(['field:followers', 'field:handles', 'status:contract']));
  });

  it('does not match a creator on a different platform with the same handle', () => {
    const doc = new Y.Doc();
    importRows(doc, [{ profile: { handles: [{ platform: 'instagram', handle: 'mia' }] } }]);
    importRows(doc, [{ profile: { handles: [{ platform: 'tiktok', handle: 'mia' }] } }]);
    expect(readBoard(doc).creators).toHaveLength(2);
  });

  it('merges rows of one batch that name the same creator, the later row winning', () => {
    const doc = new Y.Doc();
    const result = importRows(doc, [mia, { ...mia, profile: { ...mia.profile, followers: 51000 }, tags: ['food'] }]);
    expect(result).toMatchObject({ added: 1, updated: 0 });
    expect(result.ids[0]).toBe(result.ids[1]);
    expect(readBoard(doc).creators).toEqual([expect.objectContaining({ followers: 51000, tags: ['food'] })]);
  });

  it('adds a creator again when the one with its handle was removed', () => {
    const doc = new Y.Doc();
    const first = importRows(doc, [mia]);
    runOperation(doc, removeCreators, { creatorIds: first.ids }, ctx);
    expect(importRows(doc, [mia])).toMatchObject({ added: 1, updated: 0 });
  });

  it('keeps audience breakdowns the file does not have when it updates one', () => {
    const doc = new Y.Doc();
    importRows(doc, [
      { ...mia, profile: { ...mia.profile, audience: { countries: { DE: 60 }, ages: { '18-24': 40 } } } },
    ]);
    importRows(doc, [{ profile: { ...mia.profile, audience: { countries: { AT: 30 } } } }]);
    expect(readBoard(doc).creators[0]!.audience).toEqual({ countries: { AT: 30 }, ages: { '18-24': 40 } });
  });

  it('refuses a status archived since the file was read, naming it', () => {
    const doc = new Y.Doc();
    runOperation(doc, archiveStatus, { statusId: 'influencer.shortlisted', moveTo: 'influencer.prospect' }, ctx);
    expect(runOperation(doc, importCreators, { rows: [mia] }, ctx)).toEqual({
      ok: false,
      error: {
        code: 'status_archived',
        message: 'The status “Shortlisted” was archived; choose another one.',
        field: 'statuses',
      },
    });
  });

  it('refuses a row with no name, handle or profile URL', () => {
    const result = runOperation(doc(), importCreators, { rows: [{ profile: { followers: 5 } }] }, ctx);
    expect(result.ok).toBe(false);
  });
});

function doc() {
  return new Y.Doc();
}

describe('importing creators in batches', () => {
  it(`refuses a batch of more than ${IMPORT_BATCH_LIMIT} rows, so one batch never stalls a server for long`, () => {
    const rows = Array.from({ length: IMPORT_BATCH_LIMIT + 1 }, (_, i) => ({ profile: { name: `Creator ${i}` } }));
    const result = runOperation(new Y.Doc(), importCreators, { rows }, context());
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Rows can have at most 200.', field: 'rows' },
    });
  });
});
