import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCreators, archiveStatus, readBoard, restoreStatuses, runOperation, setStatus } from '../../index.ts';
import { context } from '../testing.ts';

function board(n: number) {
  const doc = new Y.Doc();
  const result = runOperation(
    doc,
    addCreators,
    { creators: Array.from({ length: n }, (_, i) => ({ name: `C${i}` })) },
    context(),
  );
  if (!result.ok) throw new Error(result.error.message);
  return { doc, ids: result.ids };
}
const influencer = (doc: Y.Doc) => readBoard(doc).creators.map((c) => c.statuses.influencer);

describe('undoing a screen', () => {
  it('puts every screened creator back in the status it had before', () => {
    const { doc, ids } = board(3);
    runOperation(
      doc,
      setStatus,
      { creatorIds: [ids[1]!], group: 'influencer', statusId: 'influencer.contacted' },
      context(),
    );
    const before = readBoard(doc).creators.map((c) => ({ creatorId: c.id, statusId: c.statuses.influencer }));
    runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.rejected' }, context());
    const result = runOperation(
      doc,
      restoreStatuses,
      { group: 'influencer', from: 'influencer.rejected', previous: before },
      context(),
    );
    expect(result).toEqual({ ok: true, restored: 3, skipped: 0 });
    expect(influencer(doc)).toEqual(['influencer.prospect', 'influencer.contacted', 'influencer.prospect']);
  });

  it('leaves a creator a teammate has moved since where the teammate put it', () => {
    const { doc, ids } = board(2);
    const before = ids.map((creatorId) => ({ creatorId, statusId: 'influencer.prospect' }));
    runOperation(
      doc,
      setStatus,
      { creatorIds: ids, group: 'influencer', statusId: 'influencer.shortlisted' },
      context(),
    );
    runOperation(
      doc,
      setStatus,
      { creatorIds: [ids[0]!], group: 'influencer', statusId: 'influencer.selected' },
      context('Ben'),
    );
    const result = runOperation(
      doc,
      restoreStatuses,
      { group: 'influencer', from: 'influencer.shortlisted', previous: before },
      context(),
    );
    expect(result).toEqual({ ok: true, restored: 1, skipped: 1 });
    expect(influencer(doc)).toEqual(['influencer.selected', 'influencer.prospect']);
  });

  it('leaves a creator whose old status was archived meanwhile where it is', () => {
    const { doc, ids } = board(1);
    runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.contacted' }, context());
    runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.rejected' }, context());
    runOperation(doc, archiveStatus, { statusId: 'influencer.contacted', moveTo: 'influencer.prospect' }, context());
    const result = runOperation(
      doc,
      restoreStatuses,
      {
        group: 'influencer',
        from: 'influencer.rejected',
        previous: [{ creatorId: ids[0]!, statusId: 'influencer.contacted' }],
      },
      context(),
    );
    expect(result).toEqual({ ok: true, restored: 0, skipped: 1 });
    expect(influencer(doc)).toEqual(['influencer.rejected']);
  });
});
