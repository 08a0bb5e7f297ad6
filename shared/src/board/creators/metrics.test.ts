import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  boardTypes,
  readActivity,
  readBoard,
  runOperation,
  shareSum,
  updateProfile,
} from '../../index.ts';
import { context, runUnchecked } from '../testing.ts';

function oneCreator() {
  const ctx = context();
  const doc = new Y.Doc();
  const added = runOperation(doc, addCreators, { creators: [{ name: 'Mia' }] }, ctx);
  if (!added.ok) throw new Error(added.error.message);
  return { doc, ctx, creatorId: added.ids[0]! };
}

describe('audience shares', () => {
  it('stores a breakdown whose shares add up to 100', () => {
    const { doc, ctx, creatorId } = oneCreator();
    const countries = { DE: 33.3, AT: 33.3, CH: 33.4 };
    expect(runOperation(doc, updateProfile, { creatorId, patch: { audience: { countries } } }, ctx)).toEqual({
      ok: true,
    });
    expect(readBoard(doc).creators[0]!.audience?.countries).toEqual({ CH: 33.4, AT: 33.3, DE: 33.3 });
  });

  it('refuses a breakdown whose shares add up to more than 100, naming the breakdown and the sum', () => {
    const { doc, ctx, creatorId } = oneCreator();
    const patch = { audience: { ages: { '18-24': 60, '25-34': 50 } } };
    expect(runOperation(doc, updateProfile, { creatorId, patch }, ctx)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Audience ages must add up to at most 100% (these add up to 110%).',
        field: 'audience.ages',
      },
    });
    expect(readBoard(doc).creators[0]!.audience).toBeUndefined();
  });

  it('refuses a gender split that adds up to more than 100', () => {
    const { doc, ctx, creatorId } = oneCreator();
    const patch = { audience: { gender: { female: 70, male: 40 } } };
    expect(runOperation(doc, updateProfile, { creatorId, patch }, ctx)).toMatchObject({
      ok: false,
      error: {
        field: 'audience.gender',
        message: 'Audience gender must add up to at most 100% (these add up to 110%).',
      },
    });
  });

  it('refuses a share outside 0–100 or one that is not a number', () => {
    const { doc, ctx, creatorId } = oneCreator();
    expect(
      runOperation(doc, updateProfile, { creatorId, patch: { audience: { income: { high: 120 } } } }, ctx),
    ).toMatchObject({ error: { field: 'audience.income', message: 'Audience income (high) must be at most 100.' } });
    expect(
      runUnchecked(doc, updateProfile, { creatorId, patch: { audience: { countries: { DE: '60' } } } }, ctx),
    ).toMatchObject({ error: { field: 'audience.countries', message: 'Audience countries (DE) must be a number.' } });
  });

  it('refuses a breakdown with more keys than any real one has', () => {
    const { doc, ctx, creatorId } = oneCreator();
    const countries = Object.fromEntries(Array.from({ length: 251 }, (_, i) => [`C${i}`, 0]));
    expect(runOperation(doc, updateProfile, { creatorId, patch: { audience: { countries } } }, ctx)).toMatchObject({
      error: { field: 'audience.countries', message: 'Audience countries can have at most 250 entries.' },
    });
  });

  it('sums shares to hundredths', () => {
    expect(shareSum({ a: 0.1, b: 0.2 })).toBe(0.3);
    expect(shareSum({ a: 50, b: undefined })).toBe(50);
  });
});

describe('follower history', () => {
  it('refuses a date that does not exist', () => {
    const { doc, ctx, creatorId } = oneCreator();
    const patch = { followerHistory: [{ date: '2026-02-30', followers: 10 }] };
    expect(runOperation(doc, updateProfile, { creatorId, patch }, ctx)).toMatchObject({
      error: { field: 'followerHistory', message: 'Follower history (date) must be a date like 2026-06-01.' },
    });
  });

  it('refuses the same day twice', () => {
    const { doc, ctx, creatorId } = oneCreator();
    const patch = {
      followerHistory: [
        { date: '2026-06-01', followers: 10 },
        { date: '2026-06-01', followers: 12 },
      ],
    };
    expect(runOperation(doc, updateProfile, { creatorId, patch }, ctx)).toMatchObject({
      error: { field: 'followerHistory', message: 'Follower history has 2026-06-01 twice.' },
    });
  });
});

describe('brand-safety risk', () => {
  it('is stored as its own cell and recorded in the history', () => {
    const { doc, ctx, creatorId } = oneCreator();
    expect(runOperation(doc, updateProfile, { creatorId, patch: { brandSafetyRisk: 'medium' } }, ctx).ok).toBe(true);
    expect(readBoard(doc).creators[0]!.brandSafetyRisk).toBe('medium');
    expect(boardTypes(doc).cells.map.get(`${creatorId}:brandSafetyRisk`)?.val).toBe('medium');
    expect(readActivity(ctx.activity!)[0]).toMatchObject({ field: 'brandSafetyRisk', from: '', to: 'medium' });
    runOperation(doc, updateProfile, { creatorId, patch: { brandSafetyRisk: null } }, ctx);
    expect(readBoard(doc).creators[0]!.brandSafetyRisk).toBeUndefined();
  });

  it('refuses a level that is not none, low, medium or high', () => {
    const { doc, ctx, creatorId } = oneCreator();
    expect(runUnchecked(doc, updateProfile, { creatorId, patch: { brandSafetyRisk: 'severe' } }, ctx)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Brand-safety risk must be none, low, medium or high.',
        field: 'brandSafetyRisk',
      },
    });
  });

  it('reads a level a foreign client wrote that is not one of the four as not assessed', () => {
    const { doc, creatorId } = oneCreator();
    boardTypes(doc).cells.set(`${creatorId}:brandSafetyRisk`, 'extreme');
    expect(readBoard(doc).creators[0]!.brandSafetyRisk).toBeUndefined();
  });
});
