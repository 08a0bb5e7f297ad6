import type * as Y from 'yjs';
import { z } from 'zod';
import { colorSchema } from '../../color.ts';
import { defineOperation } from '../../operations/operation.ts';
import { isRecord } from '../document/guards.ts';
import { boardMeta } from '../document/meta.ts';

/** An AQS band: scores from `min` (inclusive) up to the next band's min. */
export interface AqsBand {
  label: string;
  min: number;
  color: string;
}

/** The bands every board starts with; a board may store its own (`setAqsBands`). */
export const DEFAULT_AQS_BANDS: readonly AqsBand[] = [
  { label: 'Poor', min: 0, color: '#dc2626' },
  { label: 'Fair', min: 25, color: '#d97706' },
  { label: 'Good', min: 45, color: '#ca8a04' },
  { label: 'Very good', min: 65, color: '#16a34a' },
  { label: 'Excellent', min: 85, color: '#059669' },
];

/** The band of an AQS, or null when the score is missing. */
export function aqsBand(aqs: number | undefined, bands: readonly AqsBand[] = DEFAULT_AQS_BANDS): AqsBand | null {
  if (aqs === undefined || !Number.isFinite(aqs)) return null;
  let found: AqsBand | null = null;
  for (const band of [...bands].sort((a, b) => a.min - b.min)) if (aqs >= band.min) found = band;
  return found;
}

const bandSchema = z.object({
  /** Shown on cards and in filters, e.g. "Very good". */
  label: z.string().trim().min(1, { message: 'is required' }).max(30),
  /** Lowest score (inclusive) in this band, 0–100. */
  min: z.number().finite().min(0).max(100),
  /** Badge colour, `#rrggbb`. */
  color: colorSchema,
});

export const aqsBandsSchema = z
  .array(bandSchema)
  .min(1)
  .max(10)
  .refine((bands) => bands.some((band) => band.min === 0), { message: 'must include a band that starts at 0' })
  .refine((bands) => new Set(bands.map((band) => band.min)).size === bands.length, {
    message: 'must each start at a different score',
  });

/** Sets the board's AQS bands (a board setting, stored in `meta.aqsBands`). */
export const setAqsBands = defineOperation({
  name: 'setAqsBands',
  action: 'board.edit',
  input: z.object({
    /** The board's bands; null restores `DEFAULT_AQS_BANDS`. */
    bands: aqsBandsSchema.nullable(),
  }),
  failures: {},
  run(doc, { bands }, ctx) {
    doc.transact(() => {
      if (bands)
        boardMeta(doc).set(
          'aqsBands',
          [...bands].sort((a, b) => a.min - b.min),
        );
      else boardMeta(doc).delete('aqsBands');
    }, ctx.origin);
    return { ok: true };
  },
});

/** The board's AQS bands in score order; the defaults when unset or unreadable. */
export function readAqsBands(doc: Y.Doc): AqsBand[] {
  const stored = boardMeta(doc).get('aqsBands');
  const parsed = aqsBandsSchema.safeParse(Array.isArray(stored) ? stored.filter(isRecord) : undefined);
  return parsed.success
    ? [...parsed.data].sort((a, b) => a.min - b.min)
    : DEFAULT_AQS_BANDS.map((band) => ({ ...band }));
}
