import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  boardMeta,
  ACTIVITY_LIMIT,
  addCreators,
  archiveStatus,
  assignCreators,
  createStatus,
  moveCreator,
  moveStatus,
  readBoard,
  removeCreators,
  restoreCreators,
  setFee,
  setStatus,
  tagCreators,
  updateProfile,
  updateStatus,
  INITIAL_STATUS,
  createDemoBoard,
  migrateBoard,
  SCHEMA_VERSION,
  aqsBand,
  readActivity,
} from '../src/index.ts';
import { context } from './helpers.ts';

let ctx = context();
beforeEach(() => {
  ctx = context();
});
const activity = () => readActivity(ctx.activity!);

function boardWith(names: string[]) {
  const doc = new Y.Doc();
  const result = addCreators(doc, { creators: names.map((name) => ({ name })) }, ctx);
  if (!result.ok) throw new Error(result.reason);
  return { doc, ids: result.ids };
}

describe('creators', () => {
  it('starts new creators as Prospect, No contract and Not paid, in the order added', () => {
    const { doc, ids } = boardWith(['Mia Hart', 'Leo Berg']);
    const board = readBoard(doc);
    expect(board.creators.map((c) => c.name)).toEqual(['Mia Hart', 'Leo Berg']);
    expect(board.creators[0]!.statuses).toEqual(INITIAL_STATUS);
    expect(board.creators[0]!.id).toBe(ids[0]);
    expect(activity().map((a) => a.kind)).toEqual(['added', 'added']);
  });

  it('flags creators whose handle or URL is already on the board instead of adding them twice', () => {
    const doc = new Y.Doc();
    addCreators(doc, { creators: [{ name: 'Mia', handles: [{ platform: 'instagram', handle: 'mia.hart' }] }] }, ctx);
    const again = addCreators(
      doc,
      {
        creators: [
          { name: 'Mia again', handles: [{ platform: 'instagram', handle: '@Mia.Hart' }] },
          { name: 'Mia on TikTok', handles: [{ platform: 'tiktok', handle: 'mia.hart' }] },
          { name: 'Twice in one paste', handles: [{ platform: 'tiktok', handle: 'mia.hart' }] },
        ],
      },
      ctx,
    );
    expect(again).toMatchObject({ ok: true, duplicates: ['Mia again', 'Twice in one paste'] });
    expect(readBoard(doc).creators.map((c) => c.name)).toEqual(['Mia', 'Mia on TikTok']);
  });

  it('validates profile numbers and reports the first problem as field: message', () => {
    const { doc, ids } = boardWith(['Mia']);
    expect(updateProfile(doc, { creatorId: ids[0], patch: { aqs: 140 } }, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^aqs: /),
    });
    expect(updateProfile(doc, { creatorId: ids[0], patch: { followers: 'many' } }, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^followers: /),
    });
    expect(updateProfile(doc, { creatorId: ids[0], patch: { email: 'nope' } }, ctx)).toMatchObject({
      reason: 'email: is not an email address',
    });
    expect(updateProfile(doc, { creatorId: 'missing', patch: { aqs: 50 } }, ctx)).toEqual({
      ok: false,
      reason: 'creator_not_found',
    });
    expect(
      updateProfile(doc, { creatorId: ids[0], patch: { aqs: 72, followers: 120000, country: 'DE' } }, ctx).ok,
    ).toBe(true);
    expect(updateProfile(doc, { creatorId: ids[0], patch: { country: null } }, ctx).ok).toBe(true);
    expect(readBoard(doc).creators[0]).toMatchObject({ aqs: 72, followers: 120000, country: undefined });
    expect(addCreators(doc, { creators: [{ name: '' }] }, ctx)).toMatchObject({
      ok: false,
      reason: 'creators.0.name: is required',
    });
  });

  it('records who moved a creator, when, from and to', () => {
    const { doc, ids } = boardWith(['Mia']);
    const shortlisted = 'influencer.shortlisted';
    expect(setStatus(doc, { creatorIds: ids, group: 'influencer', statusId: shortlisted }, ctx)).toMatchObject({
      ok: true,
      changed: 1,
    });
    const [latest] = activity();
    expect(latest).toMatchObject({
      kind: 'status',
      group: 'influencer',
      from: 'influencer.prospect',
      to: shortlisted,
      actorName: 'Ann',
      creatorName: 'Mia',
    });
    expect(setStatus(doc, { creatorIds: ids, group: 'influencer', statusId: 'influencer.nope' }, ctx)).toEqual({
      ok: false,
      reason: 'status_not_found',
    });
    // A status of another group is not one of this group's.
    expect(setStatus(doc, { creatorIds: ids, group: 'influencer', statusId: 'contract.contract-sent' }, ctx)).toEqual({
      ok: false,
      reason: 'status_not_found',
    });
  });

  it('changes status, assignee, tags and removal for many creators at once', () => {
    const { doc, ids } = boardWith(['A', 'B', 'C']);
    setStatus(doc, { creatorIds: ids.slice(0, 2), group: 'contract', statusId: 'contract.contract-sent' }, ctx);
    assignCreators(doc, { creatorIds: ids, assignee: 'user-bob' }, ctx);
    tagCreators(doc, { creatorIds: ids, add: ['Summer', 'VIP'] }, ctx);
    tagCreators(doc, { creatorIds: [ids[0]!], remove: ['VIP'] }, ctx);
    removeCreators(doc, { creatorIds: [ids[2]!] }, ctx);
    const board = readBoard(doc);
    expect(board.creators.map((c) => [c.name, c.statuses.contract, c.assignee, c.tags])).toEqual([
      ['A', 'contract.contract-sent', 'user-bob', ['Summer']],
      ['B', 'contract.contract-sent', 'user-bob', ['Summer', 'VIP']],
    ]);
    expect(board.removed.map((c) => c.name)).toEqual(['C']);
    restoreCreators(doc, { creatorIds: [ids[2]!] }, ctx);
    expect(readBoard(doc).creators).toHaveLength(3);
  });

  it('sets and clears a fee with its currency', () => {
    const { doc, ids } = boardWith(['A']);
    expect(setFee(doc, { creatorId: ids[0], fee: { amount: 1500, currency: 'usd' } }, ctx)).toMatchObject({
      ok: false,
      reason: 'fee.currency: must be a 3-letter currency code',
    });
    setFee(doc, { creatorId: ids[0], fee: { amount: 1500, currency: 'USD' } }, ctx);
    expect(readBoard(doc).creators[0]!.fee).toEqual({ amount: 1500, currency: 'USD' });
    setFee(doc, { creatorId: ids[0], fee: null }, ctx);
    expect(readBoard(doc).creators[0]!.fee).toBeNull();
  });

  it('places a dropped card between its neighbours with fractional ranks', () => {
    const { doc, ids } = boardWith(['A', 'B', 'C']);
    const [a, b, c] = ids as [string, string, string];
    moveCreator(
      doc,
      { creatorId: c, group: 'influencer', statusId: 'influencer.prospect', afterId: a, beforeId: b },
      ctx,
    );
    expect(readBoard(doc).creators.map((x) => x.name)).toEqual(['A', 'C', 'B']);
    moveCreator(
      doc,
      { creatorId: a, group: 'influencer', statusId: 'influencer.contacted', afterId: null, beforeId: null },
      ctx,
    );
    const board = readBoard(doc);
    expect(board.creators.find((x) => x.id === a)!.statuses.influencer).toBe('influencer.contacted');
  });
});

describe('statuses', () => {
  it('creates, renames, recolours and reorders custom statuses', () => {
    const doc = new Y.Doc();
    const created = createStatus(
      doc,
      { group: 'influencer', name: 'Gifted', color: '#ff00aa', afterId: 'influencer.selected' },
      ctx,
    );
    if (!created.ok) throw new Error(created.reason);
    let names = readBoard(doc).statuses.influencer.map((s) => s.name);
    expect(names.slice(2, 4)).toEqual(['Selected', 'Gifted']);
    updateStatus(doc, { statusId: created.id, name: 'Product gifted', color: '#00aa88' }, ctx);
    moveStatus(doc, { statusId: created.id, afterId: null }, ctx);
    const first = readBoard(doc).statuses.influencer[0]!;
    expect(first).toMatchObject({ name: 'Product gifted', color: '#00aa88', builtIn: false });
    expect(createStatus(doc, { group: 'influencer', name: 'product gifted' }, ctx)).toMatchObject({ ok: false });
    // A creator can be moved to a custom status, and only in its own group.
    const { doc: board, ids } = boardWith(['Mia']);
    const gifted = createStatus(board, { group: 'influencer', name: 'Gifted' }, ctx);
    if (!gifted.ok) throw new Error(gifted.reason);
    expect(setStatus(board, { creatorIds: ids, group: 'influencer', statusId: gifted.id }, ctx)).toEqual({
      ok: true,
      changed: 1,
    });
    expect(readBoard(board).creators[0]!.statuses.influencer).toBe(gifted.id);
    expect(setStatus(board, { creatorIds: ids, group: 'payment', statusId: gifted.id }, ctx)).toMatchObject({
      reason: 'status_not_found',
    });
    expect(createStatus(doc, { group: 'influencer', name: 'X', color: 'red' }, ctx)).toMatchObject({
      ok: false,
      reason: 'color: must be a colour like #4f46e5',
    });
    names = readBoard(doc).statuses.contract.map((s) => s.name);
    expect(names).toEqual(['No contract', 'Contract sent', 'Contract signed']);
  });

  it('asks where creators go before archiving a status in use, and moves them there', () => {
    const { doc, ids } = boardWith(['A', 'B']);
    setStatus(doc, { creatorIds: ids, group: 'influencer', statusId: 'influencer.not-replied' }, ctx);
    expect(archiveStatus(doc, { statusId: 'influencer.not-replied' }, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^moveTo: /),
    });
    expect(
      archiveStatus(doc, { statusId: 'influencer.not-replied', moveTo: 'influencer.needs-follow-up' }, ctx),
    ).toMatchObject({ ok: true, moved: 2 });
    const board = readBoard(doc);
    expect(board.creators.every((c) => c.statuses.influencer === 'influencer.needs-follow-up')).toBe(true);
    expect(board.statuses.influencer.find((s) => s.id === 'influencer.not-replied')!.archived).toBe(true);
    expect(activity().filter((a) => a.to === 'influencer.needs-follow-up')).toHaveLength(2);
    expect(setStatus(doc, { creatorIds: ids, group: 'influencer', statusId: 'influencer.not-replied' }, ctx)).toEqual({
      ok: false,
      reason: 'status_archived',
    });
  });
});

describe('board document', () => {
  it('keeps only the latest activity entries', () => {
    const { doc, ids } = boardWith(['A']);
    for (let i = 0; i < ACTIVITY_LIMIT * 1.2; i++) {
      setStatus(
        doc,
        { creatorIds: ids, group: 'influencer', statusId: i % 2 ? 'influencer.prospect' : 'influencer.contacted' },
        ctx,
      );
    }
    expect(activity().length).toBeLessThanOrEqual(ACTIVITY_LIMIT * 1.1);
    expect(activity().length).toBeGreaterThanOrEqual(ACTIVITY_LIMIT);
  });

  it('fills a demo board with about 60 creators across both workflows', () => {
    const doc = new Y.Doc();
    createDemoBoard(doc, ctx);
    const board = readBoard(doc);
    expect(board.creators).toHaveLength(60);
    const used = new Set(board.creators.map((c) => c.statuses.influencer));
    expect(used.size).toBeGreaterThanOrEqual(10);
    expect(used).toContain('influencer.not-replied');
    expect(used).toContain('influencer.content-posted');
    // The board's name lives in PostgreSQL (boards.name); a demo writes no second one.
    expect(board.title).toBe('');
    expect(board.creators.some((c) => c.statuses.payment === 'payment.paid-fully')).toBe(true);
  });

  it('stores the schema version on the first migration and writes nothing on the second', () => {
    const doc = new Y.Doc();
    expect(migrateBoard(doc)).toBe(true);
    // The stored value, not readBoard's: readBoard reads a board without one as the current version.
    expect(boardMeta(doc).get('schemaVersion')).toBe(SCHEMA_VERSION);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(migrateBoard(doc)).toBe(false);
    expect(updates).toHaveLength(0);
  });

  it('bands AQS scores as Poor, Fair, Good, Very good and Excellent', () => {
    expect([10, 25, 44, 45, 65, 85, 100].map((s) => aqsBand(s)?.label)).toEqual([
      'Poor',
      'Fair',
      'Fair',
      'Good',
      'Very good',
      'Excellent',
      'Excellent',
    ]);
    expect(aqsBand(undefined)).toBeNull();
  });
});
