import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AQS_EDGE_LABELS,
  aqsBand,
  aqsBandEdgesSchema,
  bandsWithEdges,
  boardMeta,
  DEFAULT_AQS_BANDS,
  edgesOf,
  parseInput,
  readAqsBands,
  runOperation,
  setAqsBands,
} from '../../index.ts';
import { context } from '../testing.ts';

describe('AQS bands', () => {
  it('uses the default bands until a board sets its own', () => {
    const doc = new Y.Doc();
    expect(readAqsBands(doc)).toEqual(DEFAULT_AQS_BANDS);
    const bands = [
      { label: 'Great', min: 70, color: '#059669' },
      { label: 'Weak', min: 0, color: '#dc2626' },
    ];
    expect(runOperation(doc, setAqsBands, { bands }, context())).toEqual({ ok: true });
    expect(readAqsBands(doc).map((band) => band.label)).toEqual(['Weak', 'Great']);
    expect(aqsBand(69, readAqsBands(doc))?.label).toBe('Weak');
    expect(aqsBand(70, readAqsBands(doc))?.label).toBe('Great');
    runOperation(doc, setAqsBands, { bands: null }, context());
    expect(readAqsBands(doc)).toEqual(DEFAULT_AQS_BANDS);
  });

  it('rejects bands without a start at 0 or with a bad colour, naming the field', () => {
    const doc = new Y.Doc();
    expect(
      runOperation(doc, setAqsBands, { bands: [{ label: 'High', min: 50, color: '#000000' }] }, context()),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Bands must include a band that starts at 0.', field: 'bands' },
    });
    expect(runOperation(doc, setAqsBands, { bands: [{ label: 'Any', min: 0, color: 'red' }] }, context())).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Color must be a colour like #4f46e5.', field: 'bands.0.color' },
    });
  });

  it('falls back to the default bands when a foreign client stored junk', () => {
    const doc = new Y.Doc();
    boardMeta(doc).set('aqsBands', [{ label: 5 }, 'x']);
    expect(readAqsBands(doc)).toEqual(DEFAULT_AQS_BANDS);
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

describe('AQS band edges', () => {
  const parse = (edges: unknown) => parseInput(z.object({ edges: aqsBandEdgesSchema }), { edges }, AQS_EDGE_LABELS);

  it('turns the default edges into the default bands', () => {
    expect(bandsWithEdges([25, 45, 65, 85])).toEqual(DEFAULT_AQS_BANDS);
    expect(edgesOf(DEFAULT_AQS_BANDS)).toEqual([25, 45, 65, 85]);
  });

  it('moves a score into another band when an edge moves', () => {
    const bands = bandsWithEdges([25, 45, 70, 90]);
    expect(aqsBand(68, bands)?.label).toBe('Good');
    expect(aqsBand(70, bands)?.label).toBe('Very good');
    expect(aqsBand(89, bands)?.label).toBe('Very good');
  });

  it('accepts strictly increasing whole scores from 1 to 100', () => {
    expect(parse([1, 2, 3, 100]).ok).toBe(true);
  });

  it('refuses an edge that is not above the one before it, naming that band', () => {
    expect(parse([25, 45, 45, 85])).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Where Very good starts must be above where Good starts (45).',
        field: 'edges.2',
      },
    });
  });

  it('refuses edges outside 1–100, fractions and a wrong count', () => {
    expect(parse([25, 45, 65, 101])).toMatchObject({
      error: { message: 'Where Excellent starts must be at most 100.', field: 'edges.3' },
    });
    expect(parse([0, 45, 65, 85])).toMatchObject({ error: { field: 'edges.0' } });
    expect(parse([25.5, 45, 65, 85])).toMatchObject({
      error: { message: 'Where Fair starts must be a whole number.' },
    });
    expect(parse([25, 45, 65])).toMatchObject({ error: { field: 'edges' } });
  });
});
