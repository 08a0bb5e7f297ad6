import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_LIMIT, addCreators, readActivity, runOperation, setStatus } from '../../index.ts';
import { context } from '../testing.ts';

describe('activity history', () => {
  it('keeps only the latest activity entries', () => {
    const ctx = context();
    const doc = new Y.Doc();
    const added = runOperation(doc, addCreators, { creators: [{ name: 'A' }] }, ctx);
    if (!added.ok) throw new Error(added.error.message);
    const ids = added.ids;
    const activity = () => readActivity(ctx.activity!);
    for (let i = 0; i < ACTIVITY_LIMIT * 1.2; i++) {
      runOperation(
        doc,
        setStatus,
        { creatorIds: ids, group: 'influencer', statusId: i % 2 ? 'influencer.prospect' : 'influencer.contacted' },
        ctx,
      );
    }
    expect(activity().length).toBeLessThanOrEqual(ACTIVITY_LIMIT * 1.1);
    expect(activity().length).toBeGreaterThanOrEqual(ACTIVITY_LIMIT);
  });
});
