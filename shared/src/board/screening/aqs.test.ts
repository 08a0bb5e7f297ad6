import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { aqsBand, boardMeta, DEFAULT_AQS_BANDS, readAqsBands, runOperation, setAqsBands } from '../../index.ts';
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
