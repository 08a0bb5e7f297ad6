import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  ageBracketYears,
  audienceMatch,
  audienceMatchScore,
  boardMeta,
  EMPTY_TARGET,
  readTargetAudience,
  runOperation,
  setTargetAudience,
  type TargetAudience,
} from '../../index.ts';
import { context, runUnchecked } from '../testing.ts';

const target = (parts: Partial<TargetAudience>): TargetAudience => ({ ...EMPTY_TARGET, ...parts });
const dach = target({
  countries: [
    { code: 'DE', share: null },
    { code: 'AT', share: null },
  ],
  ages: { min: 18, max: 34 },
  gender: 'female',
});

describe('audience match score', () => {
  it('scores 100 for an audience entirely inside the target', () => {
    const audience = { countries: { DE: 70, AT: 30 }, ages: { '18-24': 50, '25-34': 50 }, gender: { female: 100 } };
    expect(audienceMatchScore(audience, dach)).toBe(100);
  });

  it('scores 0 for an audience with no overlap at all', () => {
    const audience = { countries: { BR: 80, US: 20 }, ages: { '45-54': 60, '55+': 40 }, gender: { male: 100 } };
    expect(audienceMatchScore(audience, dach)).toBe(0);
  });

  it('weights countries 0.5, ages 0.3 and gender 0.2', () => {
    // countries 0.7, ages 0.5 (all of 18-24, none of 35-44), gender 0.6 → 0.35 + 0.15 + 0.12 = 0.62
    const audience = {
      countries: { DE: 60, AT: 10, CH: 30 },
      ages: { '18-24': 50, '35-44': 50 },
      gender: { female: 60, male: 40 },
    };
    expect(audienceMatch(audience, dach)).toEqual({
      score: 62,
      parts: [
        { dimension: 'countries', fit: 70, weight: 0.5 },
        { dimension: 'ages', fit: 50, weight: 0.3 },
        { dimension: 'gender', fit: 60, weight: 0.2 },
      ],
      missing: [],
    });
  });

  it('counts what a country breakdown does not list as outside the target', () => {
    expect(audienceMatchScore({ countries: { DE: 60 } }, target({ countries: [{ code: 'DE', share: null }] }))).toBe(
      60,
    );
  });

  it('counts each target country up to its wanted share', () => {
    const wanted = target({
      countries: [
        { code: 'DE', share: 50 },
        { code: 'AT', share: 30 },
      ],
    });
    // (min(60, 50) + min(10, 30)) / 80 = 0.75
    expect(audienceMatchScore({ countries: { DE: 60, AT: 10 } }, wanted)).toBe(75);
    expect(audienceMatchScore({ countries: { DE: 50, AT: 30 } }, wanted)).toBe(100);
  });

  it('lets countries without a wanted share fill what the wanted shares leave of 100', () => {
    const mixed = target({
      countries: [
        { code: 'DE', share: 60 },
        { code: 'AT', share: null },
        { code: 'CH', share: null },
      ],
    });
    // DE: min(50, 60) = 50; AT + CH: min(10 + 20, 40) = 30 → 80 / 100
    expect(audienceMatchScore({ countries: { DE: 50, AT: 10, CH: 20, FR: 20 } }, mixed)).toBe(80);
  });

  it('compares country codes whatever their case', () => {
    expect(audienceMatchScore({ countries: { de: 90 } }, target({ countries: [{ code: 'DE', share: null }] }))).toBe(
      90,
    );
  });

  it('spreads an age bracket evenly over its years when the range cuts through it', () => {
    // all of 18-24 (40) + 6 of 10 years of 25-34 (30 × 0.6 = 18) = 58
    const ages = { '18-24': 40, '25-34': 30, '35-44': 30 };
    expect(audienceMatchScore({ ages }, target({ ages: { min: 18, max: 30 } }))).toBe(58);
  });

  it('reads open and "under" brackets as ages, and other brackets as outside the range', () => {
    expect(ageBracketYears('65+')).toEqual([65, 74]);
    expect(ageBracketYears('<18')).toEqual([13, 17]);
    expect(ageBracketYears('18–24')).toEqual([18, 24]);
    expect(ageBracketYears('teens')).toBeNull();
    expect(audienceMatchScore({ ages: { '65+': 50, teens: 50 } }, target({ ages: { min: 65, max: 100 } }))).toBe(50);
  });

  it('leaves out a part the creator has no data for and weighs the others up', () => {
    const match = audienceMatch({ countries: { DE: 80 } }, dach);
    expect(match.score).toBe(80);
    expect(match.missing).toEqual(['ages', 'gender']);
    expect(match.parts.map((part) => [part.dimension, part.fit, part.weight])).toEqual([
      ['countries', 80, 1],
      ['ages', null, 0],
      ['gender', null, 0],
    ]);
  });

  it('has no score when the creator has no audience data', () => {
    expect(audienceMatch(undefined, dach)).toEqual({
      score: null,
      parts: [
        { dimension: 'countries', fit: null, weight: 0 },
        { dimension: 'ages', fit: null, weight: 0 },
        { dimension: 'gender', fit: null, weight: 0 },
      ],
      missing: ['countries', 'ages', 'gender'],
    });
  });

  it('has no score when the board has no target', () => {
    expect(audienceMatch({ countries: { DE: 100 } }, EMPTY_TARGET)).toEqual({ score: null, parts: [], missing: [] });
  });

  it('scores a gender breakdown without the target gender as 0 for that part', () => {
    expect(audienceMatchScore({ gender: { male: 70, other: 5 } }, target({ gender: 'female' }))).toBe(0);
  });

  it('scores a changed audience afresh while reusing the score of an unchanged one', () => {
    const target = dach;
    const audience = { countries: { DE: 80 } };
    const first = audienceMatch(audience, target);
    expect(audienceMatch(audience, target)).toBe(first);
    expect(audienceMatch({ countries: { DE: 40 } }, target).score).toBe(40);
    expect(audienceMatch(audience, { ...target, gender: null }).score).toBe(80);
  });

  it('never goes past 100 when a foreign client stored shares that add up to more', () => {
    expect(
      audienceMatchScore({ countries: { DE: 100, de: 100 } }, target({ countries: [{ code: 'DE', share: null }] })),
    ).toBe(100);
  });
});

describe('target audience', () => {
  it('is stored in the board meta and read back', () => {
    const doc = new Y.Doc();
    expect(readTargetAudience(doc)).toEqual(EMPTY_TARGET);
    const result = runOperation(
      doc,
      setTargetAudience,
      {
        target: {
          countries: [{ code: 'de', share: 60 }, { code: 'AT' }],
          ages: { min: 18, max: 34 },
          gender: 'female',
        },
      },
      context(),
    );
    expect(result).toEqual({ ok: true });
    expect(readTargetAudience(doc)).toEqual({
      countries: [
        { code: 'DE', share: 60 },
        { code: 'AT', share: null },
      ],
      ages: { min: 18, max: 34 },
      gender: 'female',
    });
  });

  it('is cleared by null and by an empty target', () => {
    const doc = new Y.Doc();
    runOperation(doc, setTargetAudience, { target: { gender: 'male' } }, context());
    runOperation(doc, setTargetAudience, { target: null }, context());
    expect(boardMeta(doc).has('targetAudience')).toBe(false);
    runOperation(doc, setTargetAudience, { target: { gender: 'male' } }, context());
    runOperation(doc, setTargetAudience, { target: {} }, context());
    expect(boardMeta(doc).has('targetAudience')).toBe(false);
  });

  it('refuses wanted shares that add up to more than 100, naming the field', () => {
    const result = runOperation(
      new Y.Doc(),
      setTargetAudience,
      {
        target: {
          countries: [
            { code: 'DE', share: 70 },
            { code: 'AT', share: 40 },
          ],
        },
      },
      context(),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Countries must have shares that add up to 100 or less.',
        field: 'target.countries',
      },
    });
  });

  it('refuses an age range that ends before it starts', () => {
    const result = runOperation(new Y.Doc(), setTargetAudience, { target: { ages: { min: 40, max: 20 } } }, context());
    expect(result.ok ? null : result.error.field).toBe('target.ages.max');
  });

  it('refuses a country that is not a two-letter code, and more than 50 countries', () => {
    const bad = runOperation(
      new Y.Doc(),
      setTargetAudience,
      { target: { countries: [{ code: 'Germany' }] } },
      context(),
    );
    expect(bad.ok ? null : bad.error.message).toBe('Code must be a two-letter country code like DE.');
    const codes = Array.from({ length: 51 }, (_, i) => ({
      code: String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26)),
    }));
    const many = runOperation(new Y.Doc(), setTargetAudience, { target: { countries: codes } }, context());
    expect(many.ok).toBe(false);
  });

  it('refuses fields it does not know', () => {
    const result = runUnchecked(new Y.Doc(), setTargetAudience, { target: { income: 'high' } }, context());
    expect(result.ok).toBe(false);
  });

  it('reads junk written by a foreign client as no target', () => {
    const doc = new Y.Doc();
    boardMeta(doc).set('targetAudience', { countries: 'DE', gender: 7 });
    expect(readTargetAudience(doc)).toEqual(EMPTY_TARGET);
  });
});
