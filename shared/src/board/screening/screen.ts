import { z } from 'zod';
import { defineOperation } from '../../operations/operation.ts';
import { creatorExists } from '../creators/creatorCells.ts';
import { boardTypes } from '../document/boardTypes.ts';
import { currentStatus, writeStatuses } from '../statuses/creatorStatuses.ts';
import { readStatus } from '../statuses/readStatuses.ts';
import { STATUS_GROUPS } from '../statuses/status.ts';

const idSchema = z.string().min(1).max(64);

/**
 * Undoes a screen (a bulk move to Shortlisted or Rejected): puts each creator back in the status
 * it had before, in one step. Only creators still in the status the screen moved them to go
 * back — a teammate who has moved one since keeps their move — and a creator whose old status
 * was archived meanwhile stays where it is. Both are counted in `skipped`.
 */
export const restoreStatuses = defineOperation({
  name: 'restoreStatuses',
  action: 'board.edit',
  input: z.object({
    group: z.enum(STATUS_GROUPS),
    /** The status the screen moved them to: only creators still there go back. */
    from: idSchema,
    /** Each creator with the status it had before. */
    previous: z
      .array(z.object({ creatorId: idSchema, statusId: idSchema }))
      .min(1)
      .max(20_000),
  }),
  failures: {},
  run(doc, { group, from, previous }, ctx) {
    const types = boardTypes(doc);
    const back = new Map<string, string[]>();
    let skipped = 0;
    const live = new Map<string, boolean>();
    for (const { creatorId, statusId } of previous) {
      if (!live.has(statusId)) {
        const status = readStatus(types, group, statusId);
        live.set(statusId, Boolean(status && !status.archived));
      }
      const movable =
        live.get(statusId) && creatorExists(types, creatorId) && currentStatus(types, creatorId, group) === from;
      if (!movable || statusId === from) {
        if (statusId !== from) skipped++;
        continue;
      }
      const ids = back.get(statusId);
      if (ids) ids.push(creatorId);
      else back.set(statusId, [creatorId]);
    }
    doc.transact(() => {
      for (const [statusId, creatorIds] of back) writeStatuses(types, creatorIds, group, statusId, ctx);
    }, ctx.origin);
    const restored = [...back.values()].reduce((sum, ids) => sum + ids.length, 0);
    return { ok: true, restored, skipped };
  },
});
