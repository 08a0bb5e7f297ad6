import { z } from 'zod';
import { creatorFilterSchema } from '../screening/filters.ts';
import { sortSchema } from '../screening/columns.ts';
import { VIEW_TYPES } from '../screening/views.ts';
import { STATUS_GROUPS } from '../statuses/status.ts';

/**
 * Standup mode travels in presence (awareness), never in the board: a presenter publishes what
 * they show in the `standup` field of their presence state, and a follower names whom they follow
 * in `following`. Any peer can write anything there, so both are read through these schemas: the
 * server drops a `standup` or `following` that does not parse (presencePolicy.ts), and a follower
 * parses the presenter's view again before showing it and ignores what does not parse.
 */

/** Most scroll positions one view shares: the board, its table and one per kanban column. */
export const MAX_SCROLL_AREAS = 40;
/** Largest scroll offset accepted, in CSS px (a 5,000-creator column is ~620,000 px tall). */
const MAX_SCROLL = 10_000_000;
/**
 * Most characters of one presence state. A presenter's view is at most a few KB (a filter is
 * bounded like a saved view's); anything longer is not a presence state of ours.
 */
export const MAX_PRESENCE_CHARS = 16_000;

const offset = z.number().finite().min(0).max(MAX_SCROLL);

/** What a presenter shows, as followers copy it. */
export const presentedViewSchema = z
  .object({
    view: z.enum(VIEW_TYPES),
    group: z.enum(STATUS_GROUPS),
    /** Filters and search text (`filter.text`). */
    filter: creatorFilterSchema,
    sort: sortSchema.nullable(),
    /** Scroll offsets of the board's scrolling areas, by their `data-follow-scroll` name: [name, top, left]. */
    scroll: z.array(z.tuple([z.string().regex(/^[\w:.-]{1,80}$/), offset, offset])).max(MAX_SCROLL_AREAS),
    /** The creator whose drawer is open, or null. */
    open: z.string().min(1).max(64).nullable(),
    /** The moves shown ("Since…"): from when, and how that moment was chosen; null when none. */
    since: z
      .object({ at: z.number().int().min(0).max(8.64e15), label: z.string().max(120) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type PresentedView = z.output<typeof presentedViewSchema>;

/** The `standup` presence field of a presenter. */
export const presentingSchema = z
  .object({
    /** When this presentation started (ms since the epoch); the earliest one is the board's standup. */
    startedAt: z.number().int().min(0).max(8.64e15),
    view: presentedViewSchema,
  })
  .strict();
export type Presenting = z.output<typeof presentingSchema>;

/** The `following` presence field: the user id of the presenter followed, or null. */
export const followingSchema = z.string().max(64).nullable();

/** A presenter's `standup` field, or null when absent or not readable. */
export function readPresenting(value: unknown): Presenting | null {
  const parsed = presentingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
