import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addCreators,
  assignCreators,
  INITIAL_STATUS,
  moveCreator,
  readActivity,
  readBoard,
  removeCreators,
  restoreCreators,
  runOperation,
  setFee,
  setStatus,
  tagCreators,
  updateProfile,
} from '../../index.ts';
import { context, runUnchecked } from '../testing.ts';

let ctx = context();
beforeEach(() => {
  ctx = context();
});
const activity = () => readActivity(ctx.activity!);

function boardWith(names: string[]) {
  const doc = new Y.Doc();
  const result = runOperation(doc, addCreators, { creators: names.map((name) => ({ name })) }, ctx);
  if (!result.ok) throw new Error(result.error.message);
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
    runOperation(
      doc,
      addCreators,
      { creators: [{ name: 'Mia', handles: [{ platform: 'instagram', handle: 'mia.hart' }] }] },
      ctx,
    );
    const again = runOperation(
      doc,
      addCreators,
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

  it('refuses a profile value with a sentence that names its field', () => {
    const { doc, ids } = boardWith(['Mia']);
    const creatorId = ids[0]!;
    expect(runOperation(doc, updateProfile, { creatorId, patch: { aqs: 140 } }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'AQS must be at most 100.', field: 'aqs' },
    });
    expect(runUnchecked(doc, updateProfile, { creatorId, patch: { followers: 'many' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Followers must be a number.', field: 'followers' },
    });
    expect(runOperation(doc, updateProfile, { creatorId, patch: { email: 'nope' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Email is not an email address.', field: 'email' },
    });
    expect(
      runOperation(doc, updateProfile, { creatorId, patch: { audience: { countries: { DE: 140 } } } }, ctx),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Audience countries (DE) must be at most 100.',
        field: 'audience.countries',
      },
    });
    expect(runOperation(doc, updateProfile, { creatorId, patch: { name: null } }, ctx)).toEqual({
      ok: false,
      error: { code: 'name_required', message: 'Name is required.', field: 'name' },
    });
    expect(runOperation(doc, addCreators, { creators: [{ name: '' }] }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Name is required.', field: 'creators.0.name' },
    });
  });

  it('writes accepted profile values and clears a field given null', () => {
    const { doc, ids } = boardWith(['Mia']);
    const creatorId = ids[0]!;
    expect(
      runOperation(doc, updateProfile, { creatorId, patch: { aqs: 72, followers: 120000, country: 'DE' } }, ctx).ok,
    ).toBe(true);
    expect(runOperation(doc, updateProfile, { creatorId, patch: { country: null } }, ctx).ok).toBe(true);
    expect(readBoard(doc).creators[0]).toMatchObject({ aqs: 72, followers: 120000, country: undefined });
  });

  it('refuses to edit a creator that is no longer on the board, in a sentence', () => {
    const { doc } = boardWith(['Mia']);
    expect(runOperation(doc, updateProfile, { creatorId: 'missing', patch: { aqs: 50 } }, ctx)).toEqual({
      ok: false,
      error: { code: 'creator_not_found', message: 'That creator is no longer on the board.' },
    });
    expect(runOperation(doc, setFee, { creatorId: 'missing', fee: null }, ctx)).toMatchObject({
      error: { code: 'creator_not_found', message: 'That creator is no longer on the board.' },
    });
  });

  it('records who moved a creator, when, from and to', () => {
    const { doc, ids } = boardWith(['Mia']);
    const shortlisted = 'influencer.shortlisted';
    expect(
      runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: shortlisted }, ctx),
    ).toMatchObject({
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
    const gone = {
      ok: false,
      error: { code: 'status_not_found', message: 'That status no longer exists.', field: 'statusId' },
    };
    expect(
      runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.nope' }, ctx),
    ).toEqual(gone);
    // A status of another group is not one of this group's.
    expect(
      runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'contract.contract-sent' }, ctx),
    ).toEqual(gone);
  });

  it('changes status, assignee, tags and removal for many creators at once', () => {
    const { doc, ids } = boardWith(['A', 'B', 'C']);
    runOperation(
      doc,
      setStatus,
      { creatorIds: ids.slice(0, 2), group: 'contract', statusId: 'contract.contract-sent' },
      ctx,
    );
    runOperation(doc, assignCreators, { creatorIds: ids, assignee: 'user-bob' }, ctx);
    runOperation(doc, tagCreators, { creatorIds: ids, add: ['Summer', 'VIP'] }, ctx);
    runOperation(doc, tagCreators, { creatorIds: [ids[0]!], remove: ['VIP'] }, ctx);
    runOperation(doc, removeCreators, { creatorIds: [ids[2]!] }, ctx);
    const board = readBoard(doc);
    expect(board.creators.map((c) => [c.name, c.statuses.contract, c.assignee, c.tags])).toEqual([
      ['A', 'contract.contract-sent', 'user-bob', ['Summer']],
      ['B', 'contract.contract-sent', 'user-bob', ['Summer', 'VIP']],
    ]);
    expect(board.removed.map((c) => c.name)).toEqual(['C']);
    runOperation(doc, restoreCreators, { creatorIds: [ids[2]!] }, ctx);
    expect(readBoard(doc).creators).toHaveLength(3);
  });

  it('sets and clears a fee with its currency', () => {
    const { doc, ids } = boardWith(['A']);
    const creatorId = ids[0]!;
    expect(runOperation(doc, setFee, { creatorId, fee: { amount: 1500, currency: 'usd' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Currency must be a 3-letter currency code.', field: 'fee.currency' },
    });
    runOperation(doc, setFee, { creatorId, fee: { amount: 1500, currency: 'USD' } }, ctx);
    expect(readBoard(doc).creators[0]!.fee).toEqual({ amount: 1500, currency: 'USD' });
    runOperation(doc, setFee, { creatorId, fee: null }, ctx);
    expect(readBoard(doc).creators[0]!.fee).toBeNull();
  });

  it('places a dropped card between its neighbours with fractional ranks', () => {
    const { doc, ids } = boardWith(['A', 'B', 'C']);
    const [a, b, c] = ids as [string, string, string];
    runOperation(
      doc,
      moveCreator,
      { creatorId: c, group: 'influencer', statusId: 'influencer.prospect', afterId: a, beforeId: b },
      ctx,
    );
    expect(readBoard(doc).creators.map((x) => x.name)).toEqual(['A', 'C', 'B']);
    runOperation(
      doc,
      moveCreator,
      { creatorId: a, group: 'influencer', statusId: 'influencer.contacted', afterId: null, beforeId: null },
      ctx,
    );
    const board = readBoard(doc);
    expect(board.creators.find((x) => x.id === a)!.statuses.influencer).toBe('influencer.contacted');
  });
});
