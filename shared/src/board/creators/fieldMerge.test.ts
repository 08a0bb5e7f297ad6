import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  runOperation,
  addCreators,
  readActivity,
  readBoard,
  setFee,
  tagCreators,
  updateProfile,
  type Creator,
  type InputOf,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';

function twoPeopleOn(profile: InputOf<typeof addCreators>) {
  const a = newDoc(1);
  const b = newDoc(2);
  const added = runOperation(a, addCreators, profile, context('Ann', 'a'));
  if (!added.ok) throw new Error(added.error.message);
  sync(a, b);
  return { a, b, id: added.ids[0]! };
}

const creatorIn = (doc: Y.Doc, id: string): Creator => readBoard(doc).creators.find((c) => c.id === id)!;

describe('two people editing one creator at once', () => {
  it('edits of different fields both survive', () => {
    const { a, b, id } = twoPeopleOn({ creators: [{ name: 'Mia', followers: 1000, country: 'AT' }] });
    runOperation(a, updateProfile, { creatorId: id, patch: { followers: 48200 } }, context('Ann', 'a'));
    runOperation(b, updateProfile, { creatorId: id, patch: { country: 'DE' } }, context('Bob', 'b'));
    sync(a, b);
    expect(creatorIn(a, id)).toMatchObject({ followers: 48200, country: 'DE' });
    expect(creatorIn(b, id)).toEqual(creatorIn(a, id));
  });

  it('edits of the same field converge to one of the two values everywhere', () => {
    const { a, b, id } = twoPeopleOn({ creators: [{ name: 'Mia' }] });
    runOperation(a, updateProfile, { creatorId: id, patch: { email: 'ann@example.com' } }, context('Ann', 'a'));
    runOperation(b, updateProfile, { creatorId: id, patch: { email: 'bob@example.com' } }, context('Bob', 'b'));
    sync(a, b);
    expect(['ann@example.com', 'bob@example.com']).toContain(creatorIn(a, id).email);
    expect(creatorIn(b, id).email).toBe(creatorIn(a, id).email);
  });

  it('tags added by two people at once both remain', () => {
    const { a, b, id } = twoPeopleOn({ creators: [{ name: 'Mia' }] });
    runOperation(a, tagCreators, { creatorIds: [id], add: ['Summer drop'] }, context('Ann', 'a'));
    runOperation(b, tagCreators, { creatorIds: [id], add: ['Priority'] }, context('Bob', 'b'));
    sync(a, b);
    expect([...creatorIn(a, id).tags].sort()).toEqual(['Priority', 'Summer drop']);
    expect(creatorIn(b, id).tags).toEqual(creatorIn(a, id).tags);
  });

  it('categories added by two people through whole-list edits both remain', () => {
    const { a, b, id } = twoPeopleOn({ creators: [{ name: 'Mia', categories: ['beauty'] }] });
    runOperation(a, updateProfile, { creatorId: id, patch: { categories: ['beauty', 'travel'] } }, context('Ann', 'a'));
    runOperation(b, updateProfile, { creatorId: id, patch: { categories: ['beauty', 'food'] } }, context('Bob', 'b'));
    sync(a, b);
    expect([...creatorIn(a, id).categories].sort()).toEqual(['beauty', 'food', 'travel']);
  });

  it('a removal from a set and a concurrent addition to it both apply', () => {
    const { a, b, id } = twoPeopleOn({ creators: [{ name: 'Mia', brandSafety: ['alcohol', 'gambling'] }] });
    runOperation(a, updateProfile, { creatorId: id, patch: { brandSafety: ['gambling'] } }, context('Ann', 'a'));
    runOperation(
      b,
      updateProfile,
      { creatorId: id, patch: { brandSafety: ['alcohol', 'gambling', 'politics'] } },
      context('Bob', 'b'),
    );
    sync(a, b);
    expect(creatorIn(a, id).brandSafety).toEqual(['gambling', 'politics']);
  });

  it('audience shares edited by two people keep both people’s countries', () => {
    const { a, b, id } = twoPeopleOn({ creators: [{ name: 'Mia', audience: { countries: { DE: 50 } } }] });
    const withCountries = (doc: Y.Doc, countries: Record<string, number>) => ({
      creatorId: id,
      patch: { audience: { ...creatorIn(doc, id).audience, countries } },
    });
    runOperation(a, updateProfile, withCountries(a, { DE: 50, AT: 10 }), context('Ann', 'a'));
    runOperation(b, updateProfile, withCountries(b, { DE: 55, CH: 5 }), context('Bob', 'b'));
    sync(a, b);
    expect(creatorIn(a, id).audience?.countries).toEqual({ AT: 10, CH: 5, DE: 55 });
  });

  it('follower history points added by two people both remain, in date order', () => {
    const { a, b, id } = twoPeopleOn({
      creators: [{ name: 'Mia', followerHistory: [{ date: '2026-09-01', followers: 900 }] }],
    });
    const add = (doc: Y.Doc, date: string, followers: number) => ({
      creatorId: id,
      patch: { followerHistory: [...creatorIn(doc, id).followerHistory, { date, followers }] },
    });
    runOperation(a, updateProfile, add(a, '2026-11-01', 1200), context('Ann', 'a'));
    runOperation(b, updateProfile, add(b, '2026-10-01', 1000), context('Bob', 'b'));
    sync(a, b);
    expect(creatorIn(a, id).followerHistory.map((p) => p.date)).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
  });

  it('further profiles added by two people both remain after the primary handle', () => {
    const { a, b, id } = twoPeopleOn({
      creators: [{ name: 'Mia', handles: [{ platform: 'instagram', handle: 'mia' }] }],
    });
    const add = (doc: Y.Doc, handle: string) => ({
      creatorId: id,
      patch: { handles: [...creatorIn(doc, id).handles, { platform: 'tiktok' as const, handle }] },
    });
    runOperation(a, updateProfile, add(a, 'mia.dances'), context('Ann', 'a'));
    runOperation(b, updateProfile, add(b, 'mia.cooks'), context('Bob', 'b'));
    sync(a, b);
    const handles = creatorIn(a, id).handles.map((h) => h.handle);
    expect(handles[0]).toBe('mia');
    expect([...handles.slice(1)].sort()).toEqual(['mia.cooks', 'mia.dances']);
  });

  it('replacing the primary handle keeps it first', () => {
    const { a, id } = twoPeopleOn({
      creators: [
        {
          name: 'Mia',
          handles: [
            { platform: 'instagram', handle: 'mia' },
            { platform: 'x', handle: 'miax' },
          ],
        },
      ],
    });
    const [, rest] = [creatorIn(a, id).handles[0], creatorIn(a, id).handles.slice(1)];
    runOperation(
      a,
      updateProfile,
      { creatorId: id, patch: { handles: [{ platform: 'instagram', handle: 'mia.new' }, ...rest] } },
      context(),
    );
    expect(creatorIn(a, id).handles.map((h) => h.handle)).toEqual(['mia.new', 'miax']);
  });
});

describe('field edits in the activity history', () => {
  it('records who changed which field from what to what', () => {
    const { a, id } = twoPeopleOn({ creators: [{ name: 'Mia', followers: 1000 }] });
    const ctx = context('Ann', 'a');
    runOperation(a, updateProfile, { creatorId: id, patch: { followers: 1500, email: 'mia@example.com' } }, ctx);
    runOperation(a, setFee, { creatorId: id, fee: { amount: 900, currency: 'EUR' } }, ctx);
    runOperation(a, tagCreators, { creatorIds: [id], add: ['VIP'] }, ctx);
    const fields = readActivity(ctx.activity!).filter((entry) => entry.kind === 'field');
    expect(fields.map(({ actorName, field, from, to }) => ({ actorName, field, from, to }))).toEqual([
      { actorName: 'Ann', field: 'tags', from: '', to: 'VIP' },
      { actorName: 'Ann', field: 'fee', from: '', to: '900 EUR' },
      { actorName: 'Ann', field: 'followers', from: '1000', to: '1500' },
      { actorName: 'Ann', field: 'email', from: '', to: 'mia@example.com' },
    ]);
  });

  it('records nothing when a field is set to the value it already has', () => {
    const { a, id } = twoPeopleOn({ creators: [{ name: 'Mia', followers: 1000 }] });
    const ctx = context('Ann', 'a');
    runOperation(a, updateProfile, { creatorId: id, patch: { followers: 1000 } }, ctx);
    expect(readActivity(ctx.activity!)).toEqual([]);
  });
});

describe('values the board refuses', () => {
  it.each([
    ['followers', 12.5],
    ['aqs', 55.5],
    ['avgViews', -1],
    ['profileUrl', 'javascript:alert(1)'],
    ['profileUrl', 'data:text/html,hi'],
  ])('refuses %s = %s and keeps the stored value', (field, value) => {
    const { a, id } = twoPeopleOn({ creators: [{ name: 'Mia', followers: 10, aqs: 50, avgViews: 5 }] });
    const before = creatorIn(a, id);
    const result = runOperation(a, updateProfile, { creatorId: id, patch: { [field]: value } }, context());
    expect(result.ok).toBe(false);
    expect(creatorIn(a, id)).toEqual(before);
  });
});
