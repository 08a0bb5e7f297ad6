import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addCreators,
  archiveStatus,
  createStatus,
  moveStatus,
  readActivity,
  readBoard,
  runOperation,
  setStatus,
  updateStatus,
} from '../../index.ts';
import { context } from '../testing.ts';

let ctx = context();
beforeEach(() => {
  ctx = context();
});
const activity = () => readActivity(ctx.activity!);

function boardWith(names: string[]) {
  const doc = new Y.Doc();
  const result = runOperation(doc, addCreators, { creators: names.map((name) => ({ name })) }, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return { doc, ids: result.ids };
}

describe('statuses', () => {
  it('creates, renames, recolours and reorders custom statuses', () => {
    const doc = new Y.Doc();
    const created = runOperation(
      doc,
      createStatus,
      { group: 'influencer', name: 'Gifted', color: '#ff00aa', afterId: 'influencer.selected' },
      ctx,
    );
    if (!created.ok) throw new Error(created.error.message);
    let names = readBoard(doc).statuses.influencer.map((s) => s.name);
    expect(names.slice(2, 4)).toEqual(['Selected', 'Gifted']);
    runOperation(doc, updateStatus, { statusId: created.id, name: 'Product gifted', color: '#00aa88' }, ctx);
    runOperation(doc, moveStatus, { statusId: created.id, afterId: null }, ctx);
    const first = readBoard(doc).statuses.influencer[0]!;
    expect(first).toMatchObject({ name: 'Product gifted', color: '#00aa88', builtIn: false });
    expect(runOperation(doc, createStatus, { group: 'influencer', name: 'product gifted' }, ctx)).toEqual({
      ok: false,
      error: {
        code: 'name_taken',
        message: 'A status named “product gifted” already exists in this group.',
        field: 'name',
      },
    });
    // A creator can be moved to a custom status, and only in its own group.
    const { doc: board, ids } = boardWith(['Mia']);
    const gifted = runOperation(board, createStatus, { group: 'influencer', name: 'Gifted' }, ctx);
    if (!gifted.ok) throw new Error(gifted.error.message);
    expect(runOperation(board, setStatus, { creatorIds: ids, group: 'influencer', statusId: gifted.id }, ctx)).toEqual({
      ok: true,
      changed: 1,
    });
    expect(readBoard(board).creators[0]!.statuses.influencer).toBe(gifted.id);
    expect(
      runOperation(board, setStatus, { creatorIds: ids, group: 'payment', statusId: gifted.id }, ctx),
    ).toMatchObject({
      error: { code: 'status_not_found' },
    });
    expect(runOperation(doc, createStatus, { group: 'influencer', name: 'X', color: 'red' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Color must be a colour like #4f46e5.', field: 'color' },
    });
    names = readBoard(doc).statuses.contract.map((s) => s.name);
    expect(names).toEqual(['No contract', 'Contract sent', 'Contract signed']);
  });

  it('asks where creators go before archiving a status in use, and moves them there', () => {
    const { doc, ids } = boardWith(['A', 'B']);
    runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.not-replied' }, ctx);
    expect(runOperation(doc, archiveStatus, { statusId: 'influencer.not-replied' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'move_to_required', message: 'Move its creators to another status first.', field: 'moveTo' },
    });
    expect(
      runOperation(
        doc,
        archiveStatus,
        { statusId: 'influencer.not-replied', moveTo: 'influencer.needs-follow-up' },
        ctx,
      ),
    ).toMatchObject({ ok: true, moved: 2 });
    const board = readBoard(doc);
    expect(board.creators.every((c) => c.statuses.influencer === 'influencer.needs-follow-up')).toBe(true);
    expect(board.statuses.influencer.find((s) => s.id === 'influencer.not-replied')!.archived).toBe(true);
    expect(activity().filter((a) => a.to === 'influencer.needs-follow-up')).toHaveLength(2);
    expect(
      runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.not-replied' }, ctx),
    ).toEqual({
      ok: false,
      error: { code: 'status_archived', message: 'That status was archived; choose another one.', field: 'statusId' },
    });
  });
});
