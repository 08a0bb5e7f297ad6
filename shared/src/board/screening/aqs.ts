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

/**
 * The band edges a workspace owner edits: the score each band after the first starts at (the first
 * starts at 0). Four edges for the five default bands; whole scores 1–100, strictly increasing, so
 * every band holds at least one score.
 */
export const aqsBandEdgesSchema = z
  .array(z.number().int({ message: 'must be a whole number' }).min(1).max(100))
  .length(DEFAULT_AQS_BANDS.length - 1, { message: `must be ${DEFAULT_AQS_BANDS.length - 1} scores` })
  .superRefine((edges, ctx) => {
    const index = edges.findIndex((edge, i) => i > 0 && edge <= edges[i - 1]!);
    if (index < 0) return;
    const previous = DEFAULT_AQS_BANDS[index]!.label;
    ctx.addIssue({
      code: 'custom',
      path: [index],
      message: `must be above where ${previous} starts (${edges[index - 1]})`,
    });
  });

/** How a form names each edge: `edges.1` → "Where Good starts" (for parseInput's sentences). */
export const AQS_EDGE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  DEFAULT_AQS_BANDS.slice(1).map((band, i) => [`edges.${i}`, `Where ${band.label} starts`]),
);

/** The default bands (labels and colours) with these edges: `[25, 45, 65, 85]` gives the defaults. */
export function bandsWithEdges(edges: readonly number[]): AqsBand[] {
  return DEFAULT_AQS_BANDS.map((band, i) => ({ ...band, min: i === 0 ? 0 : edges[i - 1]! }));
}

/** The edges of a list of bands (each band's start after the first), in score order. */
export function edgesOf(bands: readonly AqsBand[]): number[] {
  return [...bands]
    .sort((a, b) => a.min - b.min)
    .slice(1)
    .map((band) => band.min);
}

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
