import type * as Y from 'yjs';
import { z } from 'zod';
import { defineOperation } from '../../operations/operation.ts';
import { boardMeta } from '../document/meta.ts';

/** How many standup starts a board remembers (the "Since…" picker offers them). */
export const MAX_STANDUPS = 20;

/** When a standup started on the board and who started it (`meta.standups`). */
export interface Standup {
  at: number;
  byId: string;
  byName: string;
}

const standupSchema = z.object({
  at: z.number().int().min(0).max(8.64e15),
  byId: z.string().max(64),
  byName: z.string().max(120),
});

/**
 * Records that a standup starts now, by the person applying it: the start "Since the last
 * standup" looks back to. The board keeps the latest MAX_STANDUPS starts.
 */
export const recordStandup = defineOperation({
  name: 'recordStandup',
  action: 'board.edit',
  input: z.object({}).strict(),
  failures: {},
  run(doc, _input, ctx) {
    const started: Standup = { at: ctx.now, byId: ctx.actor.id, byName: ctx.actor.name };
    doc.transact(() => {
      boardMeta(doc).set('standups', [...readStandups(doc).reverse(), started].slice(-MAX_STANDUPS));
    }, ctx.origin);
    return { ok: true };
  },
});

/** The standups recorded on the board, newest first; entries a foreign client wrote wrong are skipped. */
export function readStandups(doc: Y.Doc): Standup[] {
  const stored = boardMeta(doc).get('standups');
  if (!Array.isArray(stored)) return [];
  const standups: Standup[] = [];
  for (const value of stored.slice(-MAX_STANDUPS)) {
    const parsed = standupSchema.safeParse(value);
    if (parsed.success) standups.push(parsed.data);
  }
  return standups.sort((a, b) => b.at - a.at);
}
