import { z } from 'zod';
import type { Creator } from '../creators/creator.ts';
import type { BoardData } from '../document/readBoard.ts';
import { aqsBandsSchema, type AqsBand } from '../screening/aqs.ts';
import { targetAudienceSchema, type TargetAudience } from '../screening/targetAudience.ts';
import { STATUS_GROUPS, type Status, type StatusGroup } from '../statuses/status.ts';

/**
 * What a board page shows first, stored by the server so the page can render it before its
 * script has loaded the board: the kanban of the influencer group without a filter (how the page
 * always opens), with every column's count and its first cards. At 5,000 creators the script
 * starts ~0.5 s after navigation and a full read of the board costs ~260 ms more (20,000: ~1.25 s),
 * so the first card could not be painted within 500 ms any other way (issue 16).
 */
export interface BoardPreview {
  /** PREVIEW_VERSION when it was built; a preview of another version is not shown. */
  version: number;
  /** Every status of the board as `readBoard` gives them (the cards show all three groups). */
  statuses: Record<StatusGroup, Status[]>;
  aqsBands: AqsBand[];
  targetAudience: TargetAudience;
  /** The influencer group's live (not archived) columns, in order. */
  columns: PreviewColumn[];
}

export interface PreviewColumn {
  statusId: string;
  /** Creators in the column, all of them. */
  count: number;
  /** Its first creators in board order, as `readBoard` returns them. */
  creators: Creator[];
}

/**
 * Bump when `Creator`, `Status` or this shape changes in a way the page cannot render: stored
 * previews of the old version are then ignored until rebuilt (the next edit, or the next load).
 */
export const PREVIEW_VERSION = 1;

/** Cards kept per column: a column shows about 7 at 900 px of window height; 12 fill a tall one. */
export const PREVIEW_CARDS_PER_COLUMN = 12;

/** Largest preview, as JSON: it is sent inside the page's HTML, whose bytes delay the first paint. */
export const PREVIEW_MAX_BYTES = 256 * 1024;

export interface PreviewOptions {
  /** Cards kept per column (PREVIEW_CARDS_PER_COLUMN). */
  cardsPerColumn?: number;
  /** Largest JSON size in bytes (PREVIEW_MAX_BYTES); over it, fewer cards are kept in every column. */
  maxBytes?: number;
}

/**
 * The preview of a board. Keeps `cardsPerColumn` cards per column, or the most that keep the
 * JSON within `maxBytes` (the same number in every column, so no column looks emptier than it is).
 * Null when even its columns and settings without a card are over `maxBytes`.
 */
export function boardPreview(
  board: BoardData,
  settings: { aqsBands: AqsBand[]; targetAudience: TargetAudience },
  options: PreviewOptions = {},
): BoardPreview | null {
  const cardsPerColumn = options.cardsPerColumn ?? PREVIEW_CARDS_PER_COLUMN;
  const maxBytes = options.maxBytes ?? PREVIEW_MAX_BYTES;
  const live = board.statuses.influencer.filter((status) => !status.archived);
  const byStatus = new Map<string, Creator[]>(live.map((status) => [status.id, []]));
  // readBoard places creators of archived statuses in a live column and sorts them by rank: the
  // columns' order is the board's.
  for (const creator of board.creators) byStatus.get(creator.statuses.influencer)?.push(creator);
  const columns = live.map((status) => ({ statusId: status.id, all: byStatus.get(status.id)! }));

  const preview: BoardPreview = {
    version: PREVIEW_VERSION,
    statuses: board.statuses,
    aqsBands: settings.aqsBands,
    targetAudience: settings.targetAudience,
    columns: columns.map(({ statusId, all }) => ({ statusId, count: all.length, creators: [] })),
  };
  // Bytes without cards, then what each card level adds (a comma between cards, one byte each).
  let bytes = jsonBytes(preview);
  // Statuses and settings are written by any editor's client, unbounded (thousands of statuses):
  // such a board gets no preview rather than megabytes inside every page of it.
  if (bytes > maxBytes) return null;
  for (let kept = 0; kept < cardsPerColumn; kept++) {
    const level = columns.flatMap(({ all }) => (kept < all.length ? [all[kept]!] : []));
    if (level.length === 0) break;
    const added = level.reduce((sum, creator) => sum + jsonBytes(creator) + (kept > 0 ? 1 : 0), 0);
    if (bytes + added > maxBytes) break;
    bytes += added;
    columns.forEach(({ all }, i) => {
      const creator = all[kept];
      if (creator) preview.columns[i]!.creators.push(creator);
    });
  }
  return preview;
}

const utf8 = new TextEncoder();

function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value)).byteLength;
}

const statusSchema = z.object({
  id: z.string(),
  group: z.enum(STATUS_GROUPS),
  name: z.string(),
  color: z.string(),
  rank: z.string(),
  archived: z.boolean(),
  movedTo: z.string().optional(),
  builtIn: z.boolean(),
});

/**
 * What the card reads of a creator, checked; the rest of a `Creator` passes as stored. The server
 * alone writes previews (from `readBoard`), so this guards against a row of another shape (an
 * older version, a hand edit), not against a hostile client.
 */
const creatorSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  handles: z.array(z.looseObject({ platform: z.string(), handle: z.string() })),
  statuses: z.object({ influencer: z.string(), contract: z.string(), payment: z.string() }),
  rank: z.string(),
  assignee: z.string().nullable(),
  tags: z.array(z.string()),
  fee: z.looseObject({ amount: z.number(), currency: z.string() }).nullable(),
  payments: z.looseObject({ ledger: z.array(z.unknown()) }),
  removed: z.boolean(),
});

/** A stored preview, parsed: anything else (junk, another version) is no preview. */
export const boardPreviewSchema = z.object({
  version: z.literal(PREVIEW_VERSION),
  statuses: z.object({
    influencer: z.array(statusSchema),
    contract: z.array(statusSchema),
    payment: z.array(statusSchema),
  }),
  aqsBands: aqsBandsSchema,
  targetAudience: targetAudienceSchema,
  columns: z.array(
    z.object({
      statusId: z.string(),
      count: z.number().int().min(0),
      creators: z.array(creatorSchema),
    }),
  ),
});

/** The stored preview as a `BoardPreview`, or null when it is not one this version can show. */
export function parseBoardPreview(stored: unknown): BoardPreview | null {
  const parsed = boardPreviewSchema.safeParse(stored);
  // The schema checks what the page reads; the creators are otherwise as readBoard returned them.
  return parsed.success ? (parsed.data as unknown as BoardPreview) : null;
}
