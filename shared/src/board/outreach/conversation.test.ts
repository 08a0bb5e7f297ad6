import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCreators, setStatus } from '../creators/operations.ts';
import { readBoard } from '../document/readBoard.ts';
import { runOperation } from '../../operations/operation.ts';
import { context, runUnchecked } from '../testing.ts';
import {
  followUpDue,
  logConversation,
  needsAttention,
  readFollowUpDays,
  recordOutreachSent,
  removeConversationEntry,
  setFollowUpDays,
} from './conversation.ts';

const DAY = 86_400_000;

function boardWith(...names: string[]) {
  const doc = new Y.Doc();
  const ctx = context();
  runOperation(doc, addCreators, { creators: names.map((name) => ({ name })) }, ctx);
  const ids = readBoard(doc).creators.map((c) => c.id);
  return { doc, ctx, ids };
}
const creator = (doc: Y.Doc, id: string) => readBoard(doc).creators.find((c) => c.id === id)!;

describe('the conversation log', () => {
  it('keeps entries logged by hand, newest first, with who logged them', () => {
    const { doc, ctx, ids } = boardWith('Mia');
    runOperation(
      doc,
      logConversation,
      { creatorId: ids[0]!, entry: { kind: 'call', date: '2026-11-20', notes: 'Liked it' } },
      ctx,
    );
    runOperation(doc, logConversation, { creatorId: ids[0]!, entry: { kind: 'reply', date: '2026-11-22' } }, ctx);
    const log = creator(doc, ids[0]!).conversation!;
    expect(log.map((e) => [e.kind, e.date, e.notes, e.byName])).toEqual([
      ['reply', '2026-11-22', null, 'Ann'],
      ['call', '2026-11-20', 'Liked it', 'Ann'],
    ]);
  });

  it('leaves a creator without a log without a conversation field', () => {
    const { doc, ids } = boardWith('Mia');
    expect(creator(doc, ids[0]!)).not.toHaveProperty('conversation');
  });

  it('refuses a date that does not exist, naming the field', () => {
    const { doc, ctx, ids } = boardWith('Mia');
    const result = runOperation(
      doc,
      logConversation,
      { creatorId: ids[0]!, entry: { kind: 'call', date: '2026-02-30' } },
      ctx,
    );
    expect(result).toMatchObject({ ok: false, error: { field: 'entry.date' } });
  });

  it('refuses notes over 2000 characters', () => {
    const { doc, ctx, ids } = boardWith('Mia');
    const result = runOperation(
      doc,
      logConversation,
      { creatorId: ids[0]!, entry: { kind: 'note', date: '2026-11-20', notes: 'x'.repeat(2001) } },
      ctx,
    );
    expect(result.ok).toBe(false);
  });

  it('removes one entry', () => {
    const { doc, ctx, ids } = boardWith('Mia');
    const logged = runOperation(
      doc,
      logConversation,
      { creatorId: ids[0]!, entry: { kind: 'call', date: '2026-11-20' } },
      ctx,
    );
    if (!logged.ok) throw new Error('not logged');
    expect(runOperation(doc, removeConversationEntry, { creatorId: ids[0]!, entryId: logged.entryId }, ctx).ok).toBe(
      true,
    );
    expect(creator(doc, ids[0]!).conversation).toBeUndefined();
  });

  it('skips entries a foreign client wrote wrong', () => {
    const { doc, ids } = boardWith('Mia');
    const cells = doc.getArray<string>('cells');
    cells.push([`${ids[0]}:conversation:bad\u0000${JSON.stringify({ kind: 'fax', date: '2026-11-20' })}`]);
    cells.push([`${ids[0]}:conversation:ok\u0000${JSON.stringify({ kind: 'reply', date: '2026-11-20' })}`]);
    expect(creator(doc, ids[0]!).conversation!.map((e) => e.id)).toEqual(['ok']);
  });
});

describe('recording an outreach email', () => {
  it('logs the email and moves a prospect to Contacted', () => {
    const { doc, ctx, ids } = boardWith('Mia');
    const result = runOperation(
      doc,
      recordOutreachSent,
      { jobId: 'job1', date: '2026-11-24', sends: [{ creatorId: ids[0]!, entryId: 'm1', subject: 'Hello' }] },
      ctx,
    );
    expect(result).toEqual({ ok: true, moved: 1, skipped: [] });
    const mia = creator(doc, ids[0]!);
    expect(mia.statuses.influencer).toBe('influencer.contacted');
    expect(mia.conversation).toMatchObject([{ id: 'm1', kind: 'sent', subject: 'Hello', jobId: 'job1' }]);
  });

  it('does not move a creator who is further along than Contacted', () => {
    const { doc, ctx, ids } = boardWith('Mia');
    runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.negotiating' }, ctx);
    runOperation(
      doc,
      recordOutreachSent,
      { jobId: 'j', date: '2026-11-24', sends: [{ creatorId: ids[0]!, entryId: 'm1', subject: 's' }] },
      ctx,
    );
    expect(creator(doc, ids[0]!).statuses.influencer).toBe('influencer.negotiating');
  });

  it('skips a creator removed from the board and logs the others', () => {
    const { doc, ctx, ids } = boardWith('Mia', 'Ola');
    const result = runOperation(
      doc,
      recordOutreachSent,
      {
        jobId: 'j',
        date: '2026-11-24',
        sends: [
          { creatorId: 'gone', entryId: 'm1', subject: 's' },
          { creatorId: ids[1]!, entryId: 'm2', subject: 's' },
        ],
      },
      ctx,
    );
    expect(result).toEqual({ ok: true, moved: 1, skipped: ['gone'] });
  });

  it('logs the same message once when recorded twice (a resumed job)', () => {
    const { doc, ctx, ids } = boardWith('Mia');
    const input = { jobId: 'j', date: '2026-11-24', sends: [{ creatorId: ids[0]!, entryId: 'm1', subject: 's' }] };
    runOperation(doc, recordOutreachSent, input, ctx);
    const before = Y.encodeStateAsUpdate(doc).byteLength;
    expect(runOperation(doc, recordOutreachSent, input, ctx)).toEqual({ ok: true, moved: 0, skipped: [] });
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBe(before);
    expect(creator(doc, ids[0]!).conversation).toHaveLength(1);
  });
});

describe('follow-ups', () => {
  function contacted(sentDaysAgo: number, now: number) {
    const { doc, ids } = boardWith('Mia');
    const sentAt = now - sentDaysAgo * DAY;
    const ctx = { ...context(), now: sentAt };
    runOperation(
      doc,
      recordOutreachSent,
      { jobId: 'j', date: '2026-11-10', sends: [{ creatorId: ids[0]!, entryId: 'm1', subject: 's' }] },
      ctx,
    );
    return { doc, id: ids[0]! };
  }
  const now = Date.UTC(2026, 10, 20, 12);

  it('is due for a contacted creator with no reply after N days, not before', () => {
    const { doc, id } = contacted(7, now);
    expect(followUpDue(creator(doc, id), 7, now)).toBe(true);
    expect(followUpDue(creator(doc, id), 8, now)).toBe(false);
  });

  it('is not due once a reply is logged after the email', () => {
    const { doc, id } = contacted(10, now);
    runOperation(doc, logConversation, { creatorId: id, entry: { kind: 'reply', date: '2026-11-12' } }, context());
    expect(followUpDue(creator(doc, id), 7, now)).toBe(false);
  });

  it('lists due creators and those moved to Needs follow-up without a reply', () => {
    const { doc, id } = contacted(10, now);
    const other = boardWith('Ola');
    runOperation(
      other.doc,
      setStatus,
      { creatorIds: other.ids, group: 'influencer', statusId: 'influencer.needs-follow-up' },
      other.ctx,
    );
    const list = needsAttention([creator(doc, id), creator(other.doc, other.ids[0]!)], 7, now);
    expect(list.due.map((c) => c.name)).toEqual(['Mia']);
    expect(list.waiting.map((c) => c.name)).toEqual(['Ola']);
  });

  it('reads the board setting, the default when unset, and refuses 0 days', () => {
    const { doc, ctx } = boardWith('Mia');
    expect(readFollowUpDays(doc)).toBe(7);
    runOperation(doc, setFollowUpDays, { days: 3 }, ctx);
    expect(readFollowUpDays(doc)).toBe(3);
    expect(runUnchecked(doc, setFollowUpDays, { days: 0 }, ctx).ok).toBe(false);
    doc.getMap('meta').set('followUpDays', 'soon');
    expect(readFollowUpDays(doc)).toBe(7);
  });
});
