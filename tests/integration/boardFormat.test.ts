import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  addPost,
  addDeliverable,
  archiveStatus,
  EMPTY_DEAL,
  createStatus,
  migrateBoard,
  readActivity,
  readAqsBands,
  readBoard,
  readBudget,
  readPosts,
  readFollowUpDays,
  setFollowUpDays,
  logConversation,
  readTargetAudience,
  readViews,
  saveView,
  setAqsBands,
  setBudget,
  setDealTerms,
  setFee,
  setStatus,
  setTargetAudience,
  updateProfile,
  type OperationContext,
  runOperation,
  recordPayment,
  setPaymentTerms,
  createPaymentSchedule,
  moveCreator,
} from '@roster/shared';

/**
 * docs/board-format.md is the contract for Yjs clients that are not Roster. These tests hold the
 * document to it: a board written with plain `yjs`, exactly as the document says, reads as
 * expected with `readBoard`; and a board written by Roster's own operations reads, with plain
 * `yjs` and the document's rules, as those operations meant. Nothing below the imports of the
 * second block uses Roster code to write or to read: only the helpers here, which follow the text.
 */

// ---- The document's rules, with plain yjs ------------------------------------------------------

/** A `cells` entry: `<key>` U+0000 `<JSON of the value>`. */
const cell = (key: string, value: unknown) => `${key}\u0000${JSON.stringify(value)}`;

/** Reads a key-value array: both entry formats, the rightmost entry of a key wins, junk skipped. */
function readKeyValues(array: Y.Array<unknown>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const item of array.toArray()) {
    if (typeof item === 'string') {
      const separator = item.indexOf('\u0000');
      if (separator < 1) continue;
      try {
        values.set(item.slice(0, separator), JSON.parse(item.slice(separator + 1)));
      } catch {
        continue;
      }
    } else if (typeof item === 'object' && item !== null && typeof (item as { key?: unknown }).key === 'string') {
      const entry = item as { key: string; val: unknown };
      values.set(entry.key, entry.val);
    }
  }
  return values;
}

/** Writes keys as the document says: push the new entries, delete the older entries of those keys. */
function writeKeyValues(array: Y.Array<unknown>, entries: [string, unknown][], format: 'object' | 'text') {
  const keys = new Set(entries.map(([key]) => key));
  array.doc!.transact(() => {
    const items = array.toArray();
    for (let index = items.length - 1; index >= 0; index--) {
      const item = items[index];
      const key =
        typeof item === 'string' ? item.slice(0, item.indexOf('\u0000')) : (item as { key?: string } | null)?.key;
      if (key !== undefined && keys.has(key)) array.delete(index, 1);
    }
    array.push(entries.map(([key, val]) => (format === 'text' ? cell(key, val) : { key, val })));
  });
}

/** The members of a collection field of one creator, from its `<creatorId>:<field>:<member>` cells. */
function membersOf(cells: Map<string, unknown>, creatorId: string, field: string): Map<string, unknown> {
  const prefix = `${creatorId}:${field}:`;
  return new Map(
    [...cells].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

// ---- 1. A board written as the document says, read by readBoard ---------------------------------

/** Mia's one conversation entry, as stored under `mia:conversation:c1` and read back with its id. */
const MIA_REPLY = {
  kind: 'reply',
  date: '2026-11-20',
  at: 1_790_000_100_000,
  subject: null,
  notes: 'Interested',
  by: 'user-ann',
  byName: 'Ann',
  jobId: null,
};

describe('a board written with plain yjs as docs/board-format.md says', () => {
  function writtenByTheDocument(): { board: Y.Doc; activity: Y.Doc } {
    const board = new Y.Doc();
    const meta = board.getMap('meta');
    meta.set('schemaVersion', 3);
    meta.set('aqsBands', [
      { label: 'Weak', min: 0, color: '#dc2626' },
      { label: 'Strong', min: 60, color: '#16a34a' },
    ]);
    meta.set('targetAudience', {
      countries: [
        { code: 'DE', share: 60 },
        { code: 'AT', share: null },
      ],
      ages: { min: 18, max: 34 },
      gender: null,
    });
    meta.set('budget', { amount: 25000, currency: 'EUR' });
    meta.set('followUpDays', 5);

    writeKeyValues(
      board.getArray('statuses'),
      [
        // A built-in status renamed and recoloured (its group and place stay).
        [
          'contract.contract-sent',
          { group: 'contract', name: 'Sent for signature', color: '#0ea5e9', rank: 'a1', archived: false },
        ],
        // A custom status between Shortlisted (a1) and Selected (a2).
        [
          'influencer.custom-gifted',
          { group: 'influencer', name: 'Product gifted', color: '#f472b6', rank: 'a1V', archived: false },
        ],
        // An archived custom status whose creators went to Negotiating.
        [
          'influencer.custom-old',
          {
            group: 'influencer',
            name: 'Old stage',
            color: '#94a3b8',
            rank: 'a9V',
            archived: true,
            movedTo: 'influencer.negotiating',
          },
        ],
      ],
      'object',
    );

    const cells = board.getArray<unknown>('cells');
    writeKeyValues(
      cells,
      [
        ['mia:name', 'Mia Hart'],
        ['mia:profileUrl', 'https://instagram.com/mia.hart'],
        ['mia:email', 'mia@example.com'],
        ['mia:country', 'DE'],
        ['mia:language', 'German'],
        ['mia:followers', 48200],
        ['mia:engagementRate', 3.4],
        ['mia:avgViews', 12000],
        ['mia:aqs', 72],
        ['mia:influencer', 'influencer.custom-gifted'],
        ['mia:contract', 'contract.contract-sent'],
        ['mia:payment', 'payment.50pct-paid'],
        ['mia:rank', 'a0'],
        ['mia:assignee', 'user-ann'],
        ['mia:fee', { amount: 1200, currency: 'USD' }],
        ['mia:createdAt', 1_790_000_000_000],
        ['mia:tags:summer', 1],
        ['mia:tags:beauty', 0],
        ['mia:categories:Skincare', 0],
        ['mia:brandSafety:No alcohol', 0],
        ['mia:brandSafetyRisk', 'low'],
        ['mia:audience.interests:travel', 0],
        [
          'mia:handles:instagram:mia.hart',
          { platform: 'instagram', handle: 'mia.hart', url: 'https://instagram.com/mia.hart', order: 0 },
        ],
        ['mia:handles:tiktok:miahart', { platform: 'tiktok', handle: 'miahart', order: 1 }],
        ['mia:followerHistory:2026-10-01', 45000],
        ['mia:followerHistory:2026-11-01', 48200],
        ['mia:audience.countries:DE', 60],
        ['mia:audience.countries:AT', 10],
        ['mia:audience.gender:female', 70],
        ['mia:audience.gender:male', 28],
        ['mia:audience.gender:other', 2],
        ['mia:conversation:c1', MIA_REPLY],
        // Placed in a status that was archived: shown where its creators went.
        ['leo:name', 'Leo Berg'],
        ['leo:influencer', 'influencer.custom-old'],
        ['leo:rank', 'a1'],
        // Removed: restorable, not on the board.
        ['sofia:name', 'Sofia Rossi'],
        ['sofia:removed', true],
        // Statuses missing: the group's initial ones. Values of the wrong type: not set.
        ['nora:name', 'Nora Lund'],
        ['nora:rank', 'a2'],
        ['nora:followers', 'many'],
        ['nora:fee', 'a lot'],
      ],
      'text',
    );
    // A second client wrote the same key at the same time: the rightmost entry is the value.
    cells.push([cell('leo:country', 'SE'), cell('leo:country', 'NO')]);
    // Entries in neither format are skipped; a key with no `name` cell is not a creator.
    cells.push([42, null, 'no separator', cell('ghost:followers', 10)]);

    const activity = new Y.Doc();
    activity.getArray('entries').push([
      {
        id: 'act1',
        at: 1_790_000_000_000,
        actorId: 'user-ann',
        actorName: 'Ann',
        creatorId: 'mia',
        creatorName: 'Mia Hart',
        kind: 'status',
        group: 'influencer',
        from: 'influencer.prospect',
        to: 'influencer.custom-gifted',
      },
      {
        id: 'act2',
        at: 1_790_000_060_000,
        actorId: 'user-ann',
        actorName: 'Ann',
        creatorId: 'mia',
        creatorName: 'Mia Hart',
        kind: 'field',
        field: 'followers',
        from: '45000',
        to: '48200',
      },
    ]);
    return { board, activity };
  }

  it('reads every field of a creator from its cells', () => {
    const mia = readBoard(writtenByTheDocument().board).creators.find((c) => c.id === 'mia');
    expect(mia).toEqual({
      id: 'mia',
      name: 'Mia Hart',
      profileUrl: 'https://instagram.com/mia.hart',
      email: 'mia@example.com',
      country: 'DE',
      language: 'German',
      followers: 48200,
      engagementRate: 3.4,
      avgViews: 12000,
      aqs: 72,
      statuses: {
        influencer: 'influencer.custom-gifted',
        contract: 'contract.contract-sent',
        payment: 'payment.50pct-paid',
      },
      rank: 'a0',
      assignee: 'user-ann',
      fee: { amount: 1200, currency: 'USD' },
      deal: EMPTY_DEAL,
      content: { drafts: [], comments: [] },
      removed: false,
      createdAt: 1_790_000_000_000,
      tags: ['beauty', 'summer'],
      categories: ['Skincare'],
      brandSafety: ['No alcohol'],
      brandSafetyRisk: 'low',
      handles: [
        { platform: 'instagram', handle: 'mia.hart', url: 'https://instagram.com/mia.hart' },
        { platform: 'tiktok', handle: 'miahart' },
      ],
      followerHistory: [
        { date: '2026-10-01', followers: 45000 },
        { date: '2026-11-01', followers: 48200 },
      ],
      audience: {
        countries: { DE: 60, AT: 10 },
        gender: { female: 70, male: 28, other: 2 },
        interests: ['travel'],
      },
      // No payments: the Payment status is the stored one (see "Payments" below).
      payments: expect.objectContaining({ ledger: [], override: null, computedStatusId: null }),
      conversation: [{ id: 'c1', ...MIA_REPLY }],
    });
  });

  it('lists the creators with a name cell in rank order, and removed ones apart', () => {
    const board = readBoard(writtenByTheDocument().board);
    expect(board.creators.map((c) => c.id)).toEqual(['mia', 'leo', 'nora']);
    expect(board.removed.map((c) => c.id)).toEqual(['sofia']);
  });

  it('takes the rightmost entry of a key written twice', () => {
    const leo = readBoard(writtenByTheDocument().board).creators.find((c) => c.id === 'leo');
    expect(leo?.country).toBe('NO');
  });

  it("shows a creator in an archived status where that status's creators went", () => {
    const leo = readBoard(writtenByTheDocument().board).creators.find((c) => c.id === 'leo');
    expect(leo?.statuses.influencer).toBe('influencer.negotiating');
  });

  it('puts a creator without statuses in each group’s initial status and reads wrong values as not set', () => {
    const nora = readBoard(writtenByTheDocument().board).creators.find((c) => c.id === 'nora');
    expect(nora?.statuses).toEqual({
      influencer: 'influencer.prospect',
      contract: 'contract.no-contract',
      payment: 'payment.not-paid',
    });
    expect(nora?.followers).toBeUndefined();
    expect(nora?.fee).toBeNull();
  });

  it('merges stored statuses over the built-in ones, in rank order, archived ones flagged', () => {
    const { statuses } = readBoard(writtenByTheDocument().board);
    expect(statuses.influencer.slice(0, 4).map((s) => s.id)).toEqual([
      'influencer.prospect',
      'influencer.shortlisted',
      'influencer.custom-gifted',
      'influencer.selected',
    ]);
    expect(statuses.influencer.find((s) => s.id === 'influencer.custom-gifted')).toMatchObject({
      name: 'Product gifted',
      color: '#f472b6',
      archived: false,
      builtIn: false,
    });
    expect(statuses.influencer.find((s) => s.id === 'influencer.custom-old')).toMatchObject({
      archived: true,
      movedTo: 'influencer.negotiating',
    });
    expect(statuses.contract.find((s) => s.id === 'contract.contract-sent')).toMatchObject({
      name: 'Sent for signature',
      color: '#0ea5e9',
      builtIn: true,
    });
    expect(statuses.influencer).toHaveLength(14);
    expect(statuses.payment.map((s) => s.id)).toEqual([
      'payment.not-paid',
      'payment.pre-payment-made',
      'payment.50pct-paid',
      'payment.payment-pending',
      'payment.paid-fully',
    ]);
  });

  it('reads the schema version and the AQS bands from meta', () => {
    const { board } = writtenByTheDocument();
    expect(readBoard(board).schemaVersion).toBe(3);
    expect(readAqsBands(board)).toEqual([
      { label: 'Weak', min: 0, color: '#dc2626' },
      { label: 'Strong', min: 60, color: '#16a34a' },
    ]);
  });

  it('reads the target audience and the budget from meta', () => {
    const { board } = writtenByTheDocument();
    expect(readTargetAudience(board)).toEqual({
      countries: [
        { code: 'DE', share: 60 },
        { code: 'AT', share: null },
      ],
      ages: { min: 18, max: 34 },
      gender: null,
    });
    expect(readBudget(board)).toEqual({ amount: 25000, currency: 'EUR' });
  });

  it('reads the follow-up days from meta', () => {
    expect(readFollowUpDays(writtenByTheDocument().board)).toBe(5);
  });

  it('reads a saved view from the views array, with a missing filter kind as "any"', () => {
    const board = new Y.Doc();
    writeKeyValues(
      board.getArray('views'),
      [
        [
          'view-1',
          {
            name: 'Big German creators',
            view: 'table',
            group: 'contract',
            filter: {
              followers: { min: 100000 },
              countries: ['DE'],
              statuses: { influencer: ['influencer.selected'] },
            },
            sort: { column: 'followers', direction: 'desc' },
            columns: ['name', 'followers', 'status.contract'],
            createdBy: { id: 'user-ann', name: 'Ann' },
            createdAt: 1_790_000_000_000,
            updatedAt: 1_790_000_000_000,
          },
        ],
      ],
      'object',
    );
    const [view] = readViews(board);
    expect(view).toMatchObject({
      id: 'view-1',
      name: 'Big German creators',
      view: 'table',
      group: 'contract',
      sort: { column: 'followers', direction: 'desc' },
      columns: ['name', 'followers', 'status.contract'],
    });
    expect(view!.filter.followers).toEqual({ min: 100000 });
    expect(view!.filter.statuses).toEqual({ influencer: ['influencer.selected'], contract: [], payment: [] });
    expect(view!.filter.tags).toEqual([]);
  });

  it('reads the activity history newest first', () => {
    const entries = readActivity(writtenByTheDocument().activity);
    expect(entries.map((e) => e.id)).toEqual(['act2', 'act1']);
    expect(entries[0]).toMatchObject({
      kind: 'field',
      field: 'followers',
      from: '45000',
      to: '48200',
      actorName: 'Ann',
    });
    expect(entries[1]).toMatchObject({ kind: 'status', group: 'influencer', to: 'influencer.custom-gifted' });
  });
});

// ---- 2. A board written by Roster's operations, read with plain yjs as the document says -------

describe("a board written by Roster's operations, read with plain yjs as docs/board-format.md says", () => {
  function writtenByRoster() {
    const board = new Y.Doc();
    const activity = new Y.Doc();
    let id = 0;
    const ctx: OperationContext = {
      actor: { id: 'user-ann', name: 'Ann' },
      now: 1_790_000_000_000,
      activity,
      newId: () => `id${id++}`,
    };
    const must = <T extends { ok: boolean }>(result: T) => {
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result;
    };
    migrateBoard(board);
    const { ids } = must(
      runOperation(
        board,
        addCreators,
        {
          creators: [
            {
              name: 'Mia Hart',
              handles: [{ platform: 'instagram', handle: 'mia.hart' }],
              categories: ['Skincare'],
              followers: 45000,
            },
            { name: 'Leo Berg', handles: [{ platform: 'tiktok', handle: 'leo.berg' }], categories: [] },
          ],
        },
        ctx,
      ) as { ok: true; ids: string[] },
    );
    const [mia, leo] = ids as [string, string];
    must(
      runOperation(
        board,
        updateProfile,
        {
          creatorId: mia,
          patch: {
            followers: 48200,
            country: 'DE',
            brandSafetyRisk: 'high',
            audience: { countries: { DE: 60 }, gender: { female: 70 } },
          },
        },
        ctx,
      ),
    );
    must(runOperation(board, setFee, { creatorId: mia, fee: { amount: 1200, currency: 'USD' } }, ctx));
    const { id: gifted } = must(
      runOperation(board, createStatus, { group: 'influencer', name: 'Product gifted', color: '#f472b6' }, ctx) as {
        ok: true;
        id: string;
      },
    );
    must(runOperation(board, setStatus, { creatorIds: [mia], group: 'influencer', statusId: gifted }, ctx));
    must(runOperation(board, setStatus, { creatorIds: [leo], group: 'influencer', statusId: gifted }, ctx));
    must(runOperation(board, archiveStatus, { statusId: gifted, moveTo: 'influencer.negotiating' }, ctx));
    must(runOperation(board, setAqsBands, { bands: [{ label: 'Weak', min: 0, color: '#dc2626' }] }, ctx));
    must(runOperation(board, setTargetAudience, { target: { countries: [{ code: 'de' }], gender: 'female' } }, ctx));
    must(runOperation(board, setBudget, { budget: { amount: 8000, currency: 'USD' } }, ctx));
    must(runOperation(board, setFollowUpDays, { days: 10 }, ctx));
    must(
      runOperation(
        board,
        logConversation,
        { creatorId: mia, entry: { kind: 'call', date: '2026-11-21', notes: 'Asked for rates' } },
        { ...ctx, newId: () => 'entry-1' },
      ),
    );
    return { board, activity, mia, leo, gifted };
  }

  it('stores schema version 3 and the AQS bands in meta, and no profiles', () => {
    const { board } = writtenByRoster();
    expect(board.getMap('meta').get('schemaVersion')).toBe(3);
    expect(board.getMap('meta').get('aqsBands')).toEqual([{ label: 'Weak', min: 0, color: '#dc2626' }]);
    expect(readKeyValues(board.getArray('profiles')).size).toBe(0);
  });

  it('stores a saved view as an object entry of the views array', () => {
    const { board } = writtenByRoster();
    const ctx = { actor: { id: 'user-ann', name: 'Ann' }, now: 1_790_000_000_000, newId: () => 'view-1' };
    runOperation(
      board,
      saveView,
      {
        name: 'TikTok',
        view: 'kanban',
        group: 'influencer',
        filter: { platforms: ['tiktok'] },
        sort: null,
        columns: ['name'],
      },
      ctx,
    );
    const item = board.getArray('views').toArray()[0] as { key: string; val: Record<string, unknown> };
    expect(item.key).toBe('view-1');
    expect(item.val).toMatchObject({
      name: 'TikTok',
      view: 'kanban',
      group: 'influencer',
      sort: null,
      columns: ['name'],
      createdBy: { id: 'user-ann', name: 'Ann' },
      createdAt: 1_790_000_000_000,
    });
    expect((item.val.filter as { platforms: string[] }).platforms).toEqual(['tiktok']);
  });

  it('stores the target audience and the budget in meta', () => {
    const meta = writtenByRoster().board.getMap('meta');
    expect(meta.get('targetAudience')).toEqual({
      countries: [{ code: 'DE', share: null }],
      ages: null,
      gender: 'female',
    });
    expect(meta.get('budget')).toEqual({ amount: 8000, currency: 'USD' });
  });

  it('stores a conversation entry as a keyed-list cell and the follow-up days in meta', () => {
    const { board, mia } = writtenByRoster();
    expect(readKeyValues(board.getArray('cells')).get(`${mia}:conversation:entry-1`)).toEqual({
      kind: 'call',
      date: '2026-11-21',
      subject: null,
      notes: 'Asked for rates',
      at: expect.any(Number),
      by: expect.any(String),
      byName: expect.any(String),
      jobId: null,
    });
    expect(board.getMap('meta').get('followUpDays')).toBe(10);
  });

  it('stores every single field of a creator as its own text cell', () => {
    const { board, mia } = writtenByRoster();
    const items = board.getArray('cells').toArray();
    expect(items.every((item) => typeof item === 'string' && item.includes('\u0000'))).toBe(true);
    const cells = readKeyValues(board.getArray('cells'));
    expect(cells.get(`${mia}:name`)).toBe('Mia Hart');
    expect(cells.get(`${mia}:followers`)).toBe(48200);
    expect(cells.get(`${mia}:country`)).toBe('DE');
    expect(cells.get(`${mia}:brandSafetyRisk`)).toBe('high');
    expect(cells.get(`${mia}:fee`)).toEqual({ amount: 1200, currency: 'USD' });
    expect(cells.get(`${mia}:contract`)).toBe('contract.no-contract');
    expect(cells.get(`${mia}:payment`)).toBe('payment.not-paid');
    expect(typeof cells.get(`${mia}:rank`)).toBe('string');
    expect(cells.get(`${mia}:createdAt`)).toBe(1_790_000_000_000);
  });

  it('stores every member of a list or set as its own cell', () => {
    const { board, mia } = writtenByRoster();
    const cells = readKeyValues(board.getArray('cells'));
    expect(Object.fromEntries(membersOf(cells, mia, 'handles'))).toEqual({
      'instagram:mia.hart': { platform: 'instagram', handle: 'mia.hart', order: 0 },
    });
    expect([...membersOf(cells, mia, 'categories').keys()]).toEqual(['Skincare']);
    expect(Object.fromEntries(membersOf(cells, mia, 'audience.countries'))).toEqual({ DE: 60 });
    expect(Object.fromEntries(membersOf(cells, mia, 'audience.gender'))).toEqual({ female: 70 });
  });

  it('stores a custom status as an object entry, and an archived one with where its creators went', () => {
    const { board, gifted, mia, leo } = writtenByRoster();
    expect(gifted).toMatch(/^influencer\.custom-/);
    const statuses = readKeyValues(board.getArray('statuses'));
    expect(statuses.get(gifted)).toMatchObject({
      group: 'influencer',
      name: 'Product gifted',
      color: '#f472b6',
      archived: true,
      movedTo: 'influencer.negotiating',
    });
    expect(typeof (statuses.get(gifted) as { rank: unknown }).rank).toBe('string');
    const cells = readKeyValues(board.getArray('cells'));
    expect([cells.get(`${mia}:influencer`), cells.get(`${leo}:influencer`)]).toEqual([
      'influencer.negotiating',
      'influencer.negotiating',
    ]);
  });

  it('appends the activity as objects with who, when, what and the values as text', () => {
    const { activity, mia, gifted } = writtenByRoster();
    const entries = activity.getArray('entries').toArray() as Record<string, unknown>[];
    expect(entries[0]).toMatchObject({
      kind: 'added',
      creatorId: mia,
      creatorName: 'Mia Hart',
      actorId: 'user-ann',
      actorName: 'Ann',
      at: 1_790_000_000_000,
    });
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'field', creatorId: mia, field: 'followers', from: '45000', to: '48200' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        kind: 'status',
        creatorId: mia,
        group: 'influencer',
        from: 'influencer.prospect',
        to: gifted,
      }),
    );
    expect(entries.every((entry) => typeof entry.id === 'string' && typeof entry.at === 'number')).toBe(true);
  });
});

describe('a deal (docs/board-format.md "Deal")', () => {
  it('reads deal cells written with plain yjs into the creator', () => {
    const board = new Y.Doc();
    board.getMap('meta').set('schemaVersion', 3);
    writeKeyValues(
      board.getArray('cells'),
      [
        ['mia:name', 'Mia Hart'],
        [
          'mia:deliverables:d2',
          { platform: 'tiktok', format: 'Video', count: 1, dueDate: null, briefUrl: null, order: 2 },
        ],
        [
          'mia:deliverables:d1',
          {
            platform: 'instagram',
            format: 'Reel',
            count: 2,
            dueDate: '2026-06-01',
            briefUrl: 'https://example.com/brief',
            order: 1,
          },
        ],
        ['mia:usageRights', { text: 'Paid social', from: '2026-06-01', until: '2026-11-30' }],
        ['mia:exclusivity', { text: 'No other skincare brand', from: null, until: null }],
        ['mia:contractUrl', 'https://example.com/contract.pdf'],
        ['mia:contractFile', { fileId: 'f1', name: 'contract.pdf', size: 1234, type: 'application/pdf' }],
        ['mia:contractSentAt', '2026-05-02'],
        ['mia:contractSignedAt', '2026-05-10'],
        ['mia:contractAcceptance', { name: 'Mia Hart', date: '2026-05-10', at: 1_790_000_000_000, linkId: 'l1' }],
      ],
      'text',
    );
    const mia = readBoard(board).creators[0]!;
    expect(mia.deal).toEqual({
      deliverables: [
        {
          id: 'd1',
          platform: 'instagram',
          format: 'Reel',
          count: 2,
          dueDate: '2026-06-01',
          briefUrl: 'https://example.com/brief',
          order: 1,
        },
        { id: 'd2', platform: 'tiktok', format: 'Video', count: 1, dueDate: null, briefUrl: null, order: 2 },
      ],
      usageRights: { text: 'Paid social', from: '2026-06-01', until: '2026-11-30' },
      exclusivity: { text: 'No other skincare brand', from: null, until: null },
      contractUrl: 'https://example.com/contract.pdf',
      contractFile: { fileId: 'f1', name: 'contract.pdf', size: 1234, type: 'application/pdf' },
      contractSentAt: '2026-05-02',
      contractSignedAt: '2026-05-10',
      contractAcceptance: { name: 'Mia Hart', date: '2026-05-10', at: 1_790_000_000_000, linkId: 'l1' },
    });
  });

  it("stores Roster's deal edits as one cell per part and per deliverable", () => {
    const board = new Y.Doc();
    const ctx: OperationContext = { actor: { id: 'user-ann', name: 'Ann' }, now: 1_790_000_000_000, newId: () => 'd1' };
    migrateBoard(board);
    const added = runOperation(
      board,
      addCreators,
      { creators: [{ name: 'Mia Hart' }] },
      { ...ctx, newId: () => 'mia' },
    );
    expect(added.ok).toBe(true);
    runOperation(
      board,
      addDeliverable,
      { creatorId: 'mia', deliverable: { platform: 'instagram', format: 'Reel', count: 2, dueDate: '2026-06-01' } },
      ctx,
    );
    runOperation(
      board,
      setDealTerms,
      { creatorId: 'mia', patch: { usageRights: { text: 'Paid social' }, contractSentAt: '2026-05-02' } },
      ctx,
    );
    const cells = readKeyValues(board.getArray('cells'));
    expect(Object.fromEntries(membersOf(cells, 'mia', 'deliverables'))).toEqual({
      d1: { platform: 'instagram', format: 'Reel', count: 2, dueDate: '2026-06-01', briefUrl: null, order: 1 },
    });
    expect(cells.get('mia:usageRights')).toEqual({ text: 'Paid social', from: null, until: null });
    expect(cells.get('mia:contractSentAt')).toBe('2026-05-02');
    expect(cells.has('mia:exclusivity')).toBe(false);
  });
});

// ---- 3. Payments (docs/board-format.md "Payments") ----------------------------------------------

describe('payments as docs/board-format.md says', () => {
  function boardWithPayments(): Y.Doc {
    const board = new Y.Doc();
    writeKeyValues(
      board.getArray('cells'),
      [
        ['mia:name', 'Mia Hart'],
        ['mia:payment', 'payment.not-paid'],
        ['mia:fee', { amount: 3000, currency: 'EUR' }],
        [
          'mia:paymentTerms',
          {
            installments: [
              { percent: 50, trigger: 'signing', netDays: 0, date: null },
              { percent: 50, trigger: 'posting', netDays: 30, date: null },
            ],
          },
        ],
        ['mia:contractSignedAt', '2026-11-02'],
        [
          'mia:payments:term-1',
          {
            amount: 1500,
            currency: 'EUR',
            dueDate: null,
            paidDate: '2026-11-05',
            method: 'Bank transfer',
            reference: 'INV-7',
            note: null,
            installment: 0,
            createdAt: 1_790_000_000_000,
          },
        ],
        [
          'mia:payments:term-2',
          {
            amount: 1500,
            currency: 'EUR',
            dueDate: null,
            paidDate: null,
            method: null,
            reference: null,
            note: null,
            installment: 1,
            createdAt: 1_790_000_000_000,
          },
        ],
      ],
      'text',
    );
    return board;
  }

  it('reads the ledger, works due dates out from the triggers and computes the Payment status from it', () => {
    const board = boardWithPayments();
    let mia = readBoard(board).creators[0]!;
    expect(mia.statuses.payment).toBe('payment.50pct-paid');
    expect(mia.payments.progress).toEqual({ currency: 'EUR', paid: 1500, total: 3000, otherCurrencies: 0 });
    expect(mia.payments.ledger.map((p) => [p.id, p.due, p.dueLabel])).toEqual([
      ['term-1', '2026-11-02', null],
      ['term-2', null, '30 days after posting'],
    ]);
    writeKeyValues(
      board.getArray('cells'),
      [['mia:posts:p1', { postedAt: '2026-11-20', url: 'https://x.example/1' }]],
      'text',
    );
    mia = readBoard(board).creators[0]!;
    expect(mia.payments.ledger[1]!.due).toBe('2026-12-20');
  });

  it('shows a Payment status set by hand (paymentOverride) over the computed one, with who set it', () => {
    const board = boardWithPayments();
    writeKeyValues(
      board.getArray('cells'),
      [['mia:paymentOverride', { statusId: 'payment.paid-fully', by: 'Tom', at: 1_790_000_000_000 }]],
      'text',
    );
    const mia = readBoard(board).creators[0]!;
    expect(mia.statuses.payment).toBe('payment.paid-fully');
    expect(mia.payments.override).toEqual({ statusId: 'payment.paid-fully', by: 'Tom', at: 1_790_000_000_000 });
    expect(mia.payments.computedStatusId).toBe('payment.50pct-paid');
  });

  it("stores Roster's payments, terms and override as the document says", () => {
    const board = new Y.Doc();
    const ctx: OperationContext = { actor: { id: 'user-ann', name: 'Ann' }, now: 1_790_000_000_000 };
    const added = runOperation(board, addCreators, { creators: [{ name: 'Mia Hart' }] }, ctx);
    const mia = added.ok ? added.ids[0]! : '';
    runOperation(board, setFee, { creatorId: mia, fee: { amount: 1000, currency: 'EUR' } }, ctx);
    runOperation(
      board,
      setPaymentTerms,
      { creatorId: mia, terms: { installments: [{ percent: 100, trigger: 'date', netDays: 30, date: '2026-12-01' }] } },
      ctx,
    );
    runOperation(board, createPaymentSchedule, { creatorId: mia }, ctx);
    runOperation(
      board,
      recordPayment,
      { creatorId: mia, paymentId: 'bonus', payment: { amount: 50, paidDate: '2026-12-03', method: 'PayPal' } },
      ctx,
    );
    runOperation(board, moveCreator, { creatorId: mia, group: 'payment', statusId: 'payment.paid-fully' }, ctx);
    const cells = readKeyValues(board.getArray('cells'));
    expect(cells.get(`${mia}:paymentTerms`)).toEqual({
      installments: [{ percent: 100, trigger: 'date', netDays: 30, date: '2026-12-01' }],
    });
    expect(Object.fromEntries(membersOf(cells, mia, 'payments'))).toEqual({
      'term-1': {
        amount: 1000,
        currency: 'EUR',
        dueDate: '2026-12-31',
        paidDate: null,
        method: null,
        reference: null,
        note: null,
        installment: 0,
        createdAt: 1_790_000_000_000,
      },
      bonus: {
        amount: 50,
        currency: 'EUR',
        dueDate: null,
        paidDate: '2026-12-03',
        method: 'PayPal',
        reference: null,
        note: null,
        installment: null,
        createdAt: 1_790_000_000_000,
      },
    });
    expect(cells.get(`${mia}:paymentOverride`)).toEqual({
      statusId: 'payment.paid-fully',
      by: 'Ann',
      at: 1_790_000_000_000,
    });
  });
});

// ---- 4. Posted content (docs/board-format.md "Posted content"), both ways ----------------------

describe('posted content, written and read as docs/board-format.md says', () => {
  it('reads posts written with plain yjs, a figure of the wrong type as unknown and a post without a date skipped', () => {
    const board = new Y.Doc();
    writeKeyValues(
      board.getArray('cells'),
      [
        ['mia:name', 'Mia Hart'],
        [
          'mia:posts:p1',
          {
            deliverableId: 'd1',
            url: 'https://instagram.com/p/1',
            postedAt: '2026-11-20',
            reach: 30000,
            views: 40000,
            likes: 900,
            comments: 60,
            shares: 'lots',
          },
        ],
        ['mia:posts:p2', { url: 'https://instagram.com/p/2', views: 5 }],
      ],
      'text',
    );
    expect(readPosts(board).get('mia')).toEqual([
      {
        id: 'p1',
        deliverableId: 'd1',
        url: 'https://instagram.com/p/1',
        postedAt: '2026-11-20',
        reach: 30000,
        views: 40000,
        likes: 900,
        comments: 60,
        shares: null,
      },
    ]);
  });

  it('stores a post added by Roster as one <creatorId>:posts:<postId> text cell with every field', () => {
    const doc = new Y.Doc();
    const ctx: OperationContext = { actor: { id: 'user-ann', name: 'Ann' }, now: 1_790_000_000_000, newId: () => 'p1' };
    const added = runOperation(doc, addCreators, { creators: [{ name: 'Mia Hart' }] }, { ...ctx, newId: () => 'mia' });
    expect(added.ok).toBe(true);
    expect(
      runOperation(
        doc,
        addPost,
        { creatorId: 'mia', post: { url: 'https://x.com/p/1', postedAt: '2026-11-20', views: 7 } },
        ctx,
      ).ok,
    ).toBe(true);
    const cells = readKeyValues(doc.getArray('cells'));
    expect(Object.fromEntries(membersOf(cells, 'mia', 'posts'))).toEqual({
      p1: {
        deliverableId: null,
        url: 'https://x.com/p/1',
        postedAt: '2026-11-20',
        reach: null,
        views: 7,
        likes: null,
        comments: null,
        shares: null,
      },
    });
    expect(cells.get('mia:influencer')).toBe('influencer.content-posted');
  });
});

describe('content (docs/board-format.md "Content")', () => {
  it('reads drafts and comments written with plain yjs into the creator, skipping a draft with neither link nor file', () => {
    const board = new Y.Doc();
    board.getMap('meta').set('schemaVersion', 3);
    const draft = {
      deliverableId: 'd1',
      version: 1,
      url: null,
      file: { fileId: 'aaaaaaaaaaaaaaaa', name: 'reel.mp4', size: 1000, type: 'video/mp4' },
      submittedAt: 1_790_000_000_000,
      submittedBy: 'Ann',
      decision: 'changes_requested',
      decidedBy: 'Client (review link)',
      decidedAt: 1_790_000_100_000,
    };
    writeKeyValues(
      board.getArray('cells'),
      [
        ['mia:name', 'Mia Hart'],
        ['mia:drafts:v1', draft],
        ['mia:drafts:v2', { ...draft, version: 2, file: null, url: 'https://example.com/v2', decision: 'pending' }],
        ['mia:drafts:junk', { deliverableId: 'd1', version: 3, url: 'javascript:alert(1)', file: null }],
        [
          'mia:draftComments:c1',
          { draftId: 'v1', body: 'Logo larger', author: 'Client (review link)', byClient: true, at: 1_790_000_100_000 },
        ],
      ],
      'text',
    );
    const mia = readBoard(board).creators[0]!;
    expect(mia.content.drafts.map((d) => [d.id, d.version, d.decision, d.decidedBy])).toEqual([
      ['v2', 2, 'pending', null],
      ['v1', 1, 'changes_requested', 'Client (review link)'],
    ]);
    expect(mia.content.comments).toEqual([
      {
        id: 'c1',
        draftId: 'v1',
        body: 'Logo larger',
        author: 'Client (review link)',
        byClient: true,
        at: 1_790_000_100_000,
      },
    ]);
  });
});
