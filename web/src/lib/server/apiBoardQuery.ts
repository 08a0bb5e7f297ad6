import { z } from 'zod';
import type { Creator } from '@roster/shared';

/** The query of GET /api/v1/boards/:boardId. */
export const boardQuerySchema = z
  .object({
    /** Creators per page, 1–500 (100 unless given). */
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Where the next page starts: `nextCursor` of the page before. */
    cursor: z.coerce.number().int().min(0).max(1_000_000).default(0),
    /** Only creators with this status, in any of the three groups. */
    status: z.string().min(1).max(64).optional(),
    /** Only creators whose name or handle contains this text (any case). */
    q: z.string().min(1).max(200).optional(),
  })
  .strict();

export type BoardQuery = z.output<typeof boardQuerySchema>;

/** One page of the creators matching the query, in board order, and where the next one starts. */
export function pageOfCreators(creators: Creator[], query: BoardQuery) {
  const q = query.q?.toLowerCase();
  const matching = creators.filter(
    (creator) =>
      (!query.status || Object.values(creator.statuses).includes(query.status)) &&
      (!q ||
        creator.name.toLowerCase().includes(q) ||
        creator.handles.some((handle) => handle.handle.toLowerCase().includes(q))),
  );
  const end = query.cursor + query.limit;
  return {
    creators: matching.slice(query.cursor, end),
    total: matching.length,
    nextCursor: end < matching.length ? String(end) : null,
  };
}
